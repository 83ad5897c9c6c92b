using System.IO.Compression;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Modeling;

public sealed class ArtifactTests
{
    private static readonly Lazy<ModelArtifact> Trained = new(() =>
        ModelArtifact.Create(ModelTrainer.Train(ElecData.Spec, ElecData.Range(0, 2_000))));

    private static ModelArtifact Artifact => Trained.Value;

    [Fact]
    public void Save_then_load_scores_identically()
    {
        var probe = ElecData.Range(2_000, 1_000);
        var loaded = ModelArtifact.Load(Artifact.Bytes.Span, Artifact.Sha256, ElecData.Spec);

        Assert.Equal(Artifact.Sha256, loaded.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", loaded.Sha256);
        Assert.Null(loaded.Model.Training);
        Assert.Equal(new ModelScorer(Artifact.Model).Score(probe), new ModelScorer(loaded.Model).Score(probe));
    }

    [Fact]
    public void A_flipped_byte_is_refused_by_the_hash()
    {
        var bytes = Artifact.Bytes.ToArray();
        bytes[bytes.Length / 2] ^= 0x01;
        var e = Assert.Throws<ModelArtifactException>(() => ModelArtifact.Load(bytes, Artifact.Sha256, ElecData.Spec));
        Assert.Contains("hash mismatch", e.Message);
    }

    [Fact]
    public void A_wrong_expected_hash_is_refused()
    {
        var wrong = new string('0', 64);
        var e = Assert.Throws<ModelArtifactException>(() => ModelArtifact.Load(Artifact.Bytes.Span, wrong, ElecData.Spec));
        Assert.Contains("hash mismatch", e.Message);
        Assert.Contains(wrong, e.Message);
    }

    [Fact]
    public void A_zip_that_is_not_a_model_is_refused()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            writer.Write("not a model");
        var bytes = stream.ToArray();

        var e = Assert.Throws<ModelArtifactException>(() => ModelArtifact.Load(bytes, ModelArtifact.Hash(bytes), ElecData.Spec));
        Assert.Contains("not a readable ML.NET model", e.Message);
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused()
    {
        var bytes = "garbage"u8.ToArray();
        var e = Assert.Throws<ModelArtifactException>(() => ModelArtifact.Load(bytes, ModelArtifact.Hash(bytes), ElecData.Spec));
        Assert.Contains("not a readable ML.NET model", e.Message);
    }

    [Fact]
    public void A_model_for_other_features_is_refused()
    {
        var features = ElecData.Spec.Spec.Features.ToList();
        features[5] = features[5] with { Name = "flow" };
        var other = new CompiledSpec(ElecData.Spec.Spec with { Features = features });

        var e = Assert.Throws<ModelArtifactException>(() => ModelArtifact.Load(Artifact.Bytes.Span, Artifact.Sha256, other));
        Assert.Contains("'transfer'", e.Message);
        Assert.Contains("'flow'", e.Message);
    }

    [Fact]
    public void A_model_for_another_label_kind_is_refused()
    {
        var numeric = new CompiledSpec(ElecData.Spec.Spec with { Label = ElecData.Spec.Spec.Label with { Kind = LabelKind.Numeric } });
        var e = Assert.Throws<ModelArtifactException>(() => ModelArtifact.Load(Artifact.Bytes.Span, Artifact.Sha256, numeric));
        Assert.Contains("label", e.Message);
    }

    [Fact]
    public void The_file_pair_round_trips_with_its_manifest()
    {
        var directory = Directory.CreateTempSubdirectory("streamml-model-");
        try
        {
            var path = Path.Combine(directory.FullName, "elec2-v1.zip");
            var metrics = new ModelMetrics(10, Accuracy: 0.9, Auc: double.NaN);
            var manifest = ModelManifest.Create(Artifact, "v1", metrics);
            Artifact.SaveToFile(path, manifest);

            Assert.True(File.Exists(path + ".manifest.json"));
            var (loaded, readBack) = ModelArtifact.LoadFromFile(path, ElecData.Spec);
            Assert.Equal(Artifact.Sha256, loaded.Sha256);
            Assert.Equal("v1", readBack.Version);
            Assert.Equal(ElecData.Spec.Hash, readBack.SpecHash);
            Assert.Equal(ElecData.Spec.Spec.Model.Trainer, readBack.Trainer);
            Assert.Equal(2_000, readBack.ExampleCount);
            Assert.Equal(manifest.HyperParameters, readBack.HyperParameters);
            Assert.Equal(0.9, readBack.Metrics!.Accuracy);

            File.WriteAllBytes(path, [.. Artifact.Bytes.ToArray().Reverse()]);
            Assert.Throws<ModelArtifactException>(() => ModelArtifact.LoadFromFile(path, ElecData.Spec));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
