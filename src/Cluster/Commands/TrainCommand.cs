using System.CommandLine;
using System.Text.Json;
using StreamMl.Core.Modeling;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Training;
using StreamMl.Core.Spec;

namespace StreamMl.Cluster.Commands;

/// <summary>The <c>train</c> verb: trains the spec's ML.NET pipeline on a CSV and writes the artifact and its manifest.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var spec = new Option<FileInfo>("--spec") { Description = "Pipeline spec file.", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "CSV with a header row: the spec's features and label.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Model artifact to write (zip); the manifest goes to <out>.manifest.json.", Required = true };
        var rows = new Option<int?>("--rows") { Description = "Train on the first N rows only (default all)." };
        var version = new Option<string>("--version") { Description = "Model version to stamp (default v1).", DefaultValueFactory = _ => "v1" };
        var command = new Command("train", "Train a model from a CSV and a spec.") { spec, data, output, rows, version };
        command.SetAction((result, _) => CommandRunner.Run(() =>
        {
            var manifest = Train(
                Existing(result.GetValue(spec)!, "--spec"),
                Existing(result.GetValue(data)!, "--data"),
                result.GetValue(output)!.FullName,
                result.GetValue(rows) is { } n ? (n > 0 ? n : throw new UsageException($"--rows: {n} must be positive")) : null,
                result.GetValue(version)!);
            Console.WriteLine(JsonSerializer.Serialize(manifest, ModelJsonContext.Default.ModelManifest));
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Trains on the first <paramref name="rows"/> rows of the CSV and saves the artifact with its manifest and training profile.</summary>
    public static ModelManifest Train(string specPath, string csvPath, string outPath, int? rows, string version)
    {
        var compiled = new CompiledSpec(SpecLoader.Load(specPath));
        var examples = CsvExamples.Read(csvPath, compiled);
        if (rows is { } n) examples = examples.Take(n).ToList();
        return Save(compiled, examples, ModelTrainer.Train(compiled, examples), outPath, version);
    }

    /// <summary>Writes a trained model as its artifact, manifest (with its metrics on <paramref name="examples"/>) and training profile.</summary>
    public static ModelManifest Save(CompiledSpec spec, IReadOnlyList<ValidEvent> examples, TrainedModel model, string outPath, string version)
    {
        var package = TrainingWorkflow.Package(spec, model, examples, version);
        var manifest = ModelManifest.Create(package.Artifact, version, ModelEvaluation.Evaluate(model, examples));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        package.Artifact.SaveToFile(outPath, manifest);
        package.Profile.Save(outPath);
        return manifest;
    }

    private static string Existing(FileInfo file, string option) =>
        file.Exists ? file.FullName : throw new UsageException($"{option}: file '{file.FullName}' does not exist");
}
