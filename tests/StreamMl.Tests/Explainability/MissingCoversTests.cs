using System.IO.Compression;
using StreamMl.Core.Explanations;
using StreamMl.Core.Modeling;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>A tree model whose artifact carries no covers (saved before explanations existed) is refused with what to do, not explained wrongly.</summary>
public sealed class MissingCoversTests
{
    [Fact]
    public void A_tree_artifact_without_covers_loads_and_scores_but_is_refused_an_explanation()
    {
        var spec = ExplanationData.Spec("FastTree");
        var artifact = ModelArtifact.Create(ModelTrainer.Train(spec, ExplanationData.Events(1, 1000)));
        using var stream = new MemoryStream();
        stream.Write(artifact.Bytes.Span);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true)) zip.GetEntry(TreeCovers.EntryName)!.Delete();
        var bytes = stream.ToArray();

        var old = ModelArtifact.Load(bytes, ModelArtifact.Hash(bytes), spec).Model;

        var e = ExplanationData.Events(2, 1)[0];
        Assert.Equal(new ModelScorer(artifact.Model).Score([e])[0], new ModelScorer(old).Score([e])[0]);
        var refusal = Assert.Throws<ExplanationException>(() => ServingExplanations.Explain(old, e, "v0"));
        Assert.Contains("retrain", refusal.Message);
    }
}
