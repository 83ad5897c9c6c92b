using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.CommandLine;

/// <summary>A path a user types is relative to the directory they typed it in, whether the built program or the launcher runs.</summary>
public class RelativePathTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streamml-cwd-").FullName;

    public RelativePathTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "in"));
        File.Copy(RepoPaths.Spec("elec2.json"), Path.Combine(_directory, "in", "spec.json"));
        File.Copy(RepoPaths.Dataset("elec.csv"), Path.Combine(_directory, "in", "elec.csv.gz"));
    }

    [Fact]
    public async Task The_built_program_resolves_relative_paths_against_the_working_directory()
    {
        var result = await CliProcess.Run(["train", "--spec", "in/spec.json", "--data", "in/elec.csv.gz", "--out", "out/v1.zip", "--rows", "500"], _directory);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.True(File.Exists(Path.Combine(_directory, "out", "v1.zip")));
        Assert.True(File.Exists(Path.Combine(_directory, "out", "v1.zip.manifest.json")));
    }

    [Fact]
    public async Task The_launcher_runs_the_program_in_the_directory_it_was_called_from()
    {
        var launcher = Path.Combine(RepoPaths.Root, "streamml");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(launcher)
        {
            ArgumentList = { "train", "--spec", "in/spec.json", "--data", "in/elec.csv.gz", "--out", "launched/v1.zip", "--rows", "500" },
            WorkingDirectory = _directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.True(File.Exists(Path.Combine(_directory, "launched", "v1.zip")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
