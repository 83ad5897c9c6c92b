using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.CommandLine;

/// <summary>
/// Every verb of the built program, run as a user runs it: a usage or configuration error exits 2 with one
/// line on stderr that names the option (or key) and the problem, and prints no help.
/// </summary>
public class ExitCodeTests
{
    private static readonly string Spec = RepoPaths.Spec("elec2.json");

    [Theory]
    [InlineData("--rate: 'abc' is not a number", "demo", "--rate", "abc")]
    [InlineData("--rate: -1 must be 0 or more", "demo", "--rate", "-1")]
    [InlineData("--bogus: unknown option", "demo", "--bogus")]
    [InlineData("--csv: file", "demo", "--csv", "no-such-file.csv")]
    [InlineData("--port: '9x' is not a whole number", "dev-broker", "--port", "9x")]
    [InlineData("--port: 70000 is not a port number", "dev-broker", "--port", "70000")]
    [InlineData("--topic: Invalid topic spec 'a:b:c'", "dev-broker", "--topic", "a:b:c")]
    [InlineData("--rate: must be 0", "produce", "--bootstrap-servers", "127.0.0.1:9092", "--generator", "sea", "--limit", "10", "--rate", "-5")]
    [InlineData("--limit: 'ten' is not a whole number", "produce", "--generator", "sea", "--limit", "ten")]
    [InlineData("--generator: unknown generator 'nope'", "produce", "--bootstrap-servers", "127.0.0.1:9092", "--generator", "nope")]
    [InlineData("--bootstrap-servers: 'localhost' is not HOST:PORT", "consume", "--bootstrap-servers", "localhost")]
    [InlineData("--from-end: only with --follow", "consume", "--bootstrap-servers", "127.0.0.1:9092", "--from-end")]
    [InlineData("--limit: 0 must be positive", "consume", "--bootstrap-servers", "127.0.0.1:9092", "--limit", "0")]
    [InlineData("--rows: 0 must be positive", "train", "--spec", "SPEC", "--data", "SPEC", "--out", "x.zip", "--rows", "0")]
    [InlineData("--data: file", "train", "--spec", "SPEC", "--data", "missing.csv", "--out", "x.zip")]
    [InlineData("--spec: Option '--spec' is required.", "train", "--data", "x.csv", "--out", "x.zip")]
    [InlineData("StreamMl:Spec (--spec): file", "node", "--spec", "missing.json")]
    [InlineData("--cluster-port: 'port' is not a whole number", "node", "--cluster-port", "port")]
    [InlineData("'extra': unexpected argument", "train", "extra")]
    [InlineData("a verb is required", "--verbose")]
    public async Task A_usage_error_exits_2_with_one_line_naming_the_option(string expected, params string[] args)
    {
        var result = await CliProcess.Run(args.Select(a => a == "SPEC" ? Spec : a));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("streamml: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task A_configuration_value_that_does_not_convert_names_its_key()
    {
        var result = await CliProcess.Run(["node", "--spec", Spec],
            environment: new Dictionary<string, string> { ["StreamMl__Ingestion__BatchSize"] = "many" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("StreamMl:Ingestion:BatchSize", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_is_a_failure_at_run_time()
    {
        var result = await CliProcess.Run(["consume", "--bootstrap-servers", "127.0.0.1:1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no answer from 127.0.0.1:1", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Help_exits_0_on_stdout()
    {
        var result = await CliProcess.Run(["produce", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--bootstrap-servers", result.StandardOutput);
        Assert.Equal("", result.StandardError);
    }
}
