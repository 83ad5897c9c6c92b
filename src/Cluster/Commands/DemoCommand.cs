using System.CommandLine;
using System.Text.Json;
using StreamMl.Cluster.Demo;

namespace StreamMl.Cluster.Commands;

/// <summary>The <c>demo</c> verb: dev broker + one node on SQLite + a replayed stream, with live progress and a summary line.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var csv = new Option<FileInfo>("--csv") { Description = "CSV (or .csv.gz) to replay (default: the bundled elec dataset)." };
        var spec = new Option<FileInfo>("--spec") { Description = "Pipeline spec (default: the bundled specs/elec2.json)." };
        var trainRows = new Option<int>("--train-rows") { Description = "Rows before the replay: the batch model's training rows (default 5000).", DefaultValueFactory = _ => 5000 };
        var events = new Option<int?>("--events") { Description = "Replay at most N events (default: every row after the training rows)." };
        var rate = new Option<double>("--rate") { Description = "Events per second replayed; 0 is as fast as the node takes them (default 4000).", DefaultValueFactory = _ => 4000 };
        var labelLag = new Option<int>("--label-lag") { Description = "Send each label this many events after its event (default 200).", DefaultValueFactory = _ => 200 };
        var dataDir = new Option<DirectoryInfo>("--data-dir") { Description = "Data directory, kept at the end; must be new or empty (default: a temporary directory, removed at the end)." };
        var model = new Option<string>("--model")
        {
            Description = "online (default): the best online learner learns from every label; batch: a first model trained on the head of the CSV, retrained in runs.",
            DefaultValueFactory = _ => DemoModels.Online,
        };
        model.AcceptOnlyFromAmong(DemoModels.Online, DemoModels.Batch);
        var keep = new Option<bool>("--keep") { Description = "Keep the temporary data directory (database, model, node log) and print where it is." };
        var command = new Command("demo", "Run the whole system on one machine: dev broker, one node on SQLite, a replayed stream with late labels, and an online model learning from every label (or, with --model batch, a first model with drift-triggered retraining and gated promotions).")
        {
            csv, spec, model, trainRows, events, rate, labelLag, dataDir, keep,
        };
        command.SetAction((result, ct) => CommandRunner.Run(async () =>
        {
            var given = result.GetValue(dataDir);
            var options = new DemoOptions
            {
                Csv = Existing(result.GetValue(csv), "--csv") ?? BundledFiles.Dataset("elec"),
                Spec = Existing(result.GetValue(spec), "--spec") ?? BundledFiles.Spec("elec2"),
                TrainRows = Positive(result.GetValue(trainRows), "--train-rows"),
                Events = result.GetValue(events) is { } n ? Positive(n, "--events") : null,
                Rate = result.GetValue(rate) is var r && r >= 0 && double.IsFinite(r) ? r : throw new UsageException($"--rate: {result.GetValue(rate)} must be 0 or more"),
                LabelLag = result.GetValue(labelLag) is var lag && lag >= 0 ? lag : throw new UsageException($"--label-lag: {result.GetValue(labelLag)} must be 0 or more"),
                DataDirectory = DataDirectory(given),
                KeepDataDirectory = given is not null || result.GetValue(keep),
                Verbose = result.GetValue(CommonOptions.Verbose),
                Model = result.GetValue(model)!,
            };
            try
            {
                var summary = await new DemoRun(options, Console.Error).Run(ct);
                Console.WriteLine(JsonSerializer.Serialize(summary, DemoJsonContext.Default.DemoSummary));
                return summary.Predictions + summary.DeadLetters == summary.Events ? 0 : 1;
            }
            finally
            {
                if (options.KeepDataDirectory) await Console.Error.WriteLineAsync($"demo data kept in {options.DataDirectory}");
                else RemoveQuietly(options.DataDirectory);
            }
        }));
        return command;
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException($"{option}: {value} must be positive");

    private static string? Existing(FileInfo? file, string option) =>
        file is null ? null
        : file.Exists ? file.FullName
        : throw new UsageException($"{option}: file '{file.FullName}' does not exist");

    private static string DataDirectory(DirectoryInfo? given)
    {
        if (given is null) return Directory.CreateTempSubdirectory("streamml-demo-").FullName;
        if (given.Exists && given.EnumerateFileSystemInfos().Any())
            throw new UsageException($"--data-dir: '{given.FullName}' is not empty; the demo needs a fresh directory");
        given.Create();
        return given.FullName;
    }

    private static void RemoveQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"streamml: could not remove the demo's data directory {directory}: {e.Message}");
        }
    }
}
