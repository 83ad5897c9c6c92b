using System.Text.Json;
using StreamMl.Core.Learning;
using StreamMl.Core.Spec;
using StreamMl.Tests.Learning;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary><c>streamml explain</c>, run as a user runs it: the explanation as JSON on stdout, usage errors exit 2 naming the option.</summary>
public sealed class ExplainCommandTests
{
    private static readonly string Spec = RepoPaths.Spec("sea.json");
    private const string Event = """{"id":"e-1","features":{"attrib1":1.5,"attrib2":2.5,"attrib3":9.0}}""";

    [Fact]
    public async Task Explaining_with_a_model_artifact_prints_the_prediction_base_value_and_sorted_contributions()
    {
        var result = await CliProcess.Run(["explain", "--spec", Spec, "--model", TestModels.SeaV1, "--event", Event]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        var json = JsonDocument.Parse(result.StandardOutput).RootElement;
        Assert.Equal("e-1", json.GetProperty("eventId").GetString());
        Assert.Equal("v1", json.GetProperty("modelVersion").GetString());
        Assert.Equal("tree-shap", json.GetProperty("method").GetString());
        Assert.Equal("score", json.GetProperty("output").GetString());
        AssertAddsUp(json, json.GetProperty("prediction").GetProperty("score").GetDouble(), 1e-4);
        // 1.5 + 2.5 ≤ 8: the model says class 1, and attrib1 and attrib2 are what pushed it there.
        Assert.True(json.GetProperty("prediction").GetProperty("predictedLabel").GetBoolean());
        var features = json.GetProperty("contributions").EnumerateArray().Select(c => c.GetProperty("feature").GetString()).ToArray();
        Assert.Equal("attrib3", features[^1]);
    }

    [Fact]
    public async Task Explaining_with_an_online_models_saved_state_names_the_state_by_its_hash()
    {
        var model = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = LearnerCatalog.HoeffdingTree }, LearnerSchema.FromSpec(new CompiledSpec(SpecLoader.Load(Spec))));
        foreach (var x in LearningStreams.SeaConcepts(1, 3000, [8])) model.Learn(x.Input, x.Label);
        var path = Path.Combine(Directory.CreateTempSubdirectory("streamml-explain-").FullName, "tree.state");
        await File.WriteAllBytesAsync(path, model.Save());

        var result = await CliProcess.Run(["explain", "--spec", Spec, "--model", path, "--event", Event]);

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.StandardOutput).RootElement;
        Assert.Equal("state-" + model.StateSha256()[..12], json.GetProperty("modelVersion").GetString());
        Assert.Equal(3000, json.GetProperty("updates").GetInt64());
        Assert.Equal("probability", json.GetProperty("output").GetString());
        AssertAddsUp(json, json.GetProperty("prediction").GetProperty("probability").GetDouble(), 1e-12);
    }

    [Theory]
    [InlineData("--model: Option '--model' is required.", "--spec", "SPEC", "--event", Event)]
    [InlineData("--model: file", "--spec", "SPEC", "--model", "no-such-model.zip", "--event", Event)]
    [InlineData("--event: Option '--event' is required.", "--spec", "SPEC", "--model", "MODEL")]
    [InlineData("--event: invalid-json", "--spec", "SPEC", "--model", "MODEL", "--event", "{not json")]
    [InlineData("--event: unknown-feature", "--spec", "SPEC", "--model", "MODEL", "--event", """{"id":"e-1","features":{"colour":"red"}}""")]
    [InlineData("--spec: file", "--spec", "missing.json", "--model", "MODEL", "--event", Event)]
    public async Task A_usage_error_exits_2_with_one_line_naming_the_option(string expected, params string[] args)
    {
        var result = await CliProcess.Run(["explain", .. args.Select(a => a switch { "SPEC" => Spec, "MODEL" => TestModels.SeaV1, _ => a })]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("streamml: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task A_file_that_is_no_model_is_a_failure_at_run_time()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("streamml-explain-").FullName, "junk.zip");
        await File.WriteAllTextAsync(path, "not a model");

        var result = await CliProcess.Run(["explain", "--spec", Spec, "--model", path, "--event", Event]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("manifest", Assert.Single(result.ErrorLines));
    }

    private static void AssertAddsUp(JsonElement json, double output, double tolerance)
    {
        var sum = json.GetProperty("baseValue").GetDouble() + json.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble());
        Assert.Equal(output, sum, tolerance);
        Assert.Equal(json.GetProperty("outputValue").GetDouble(), sum, 1e-12);
        var magnitudes = json.GetProperty("contributions").EnumerateArray().Select(c => Math.Abs(c.GetProperty("contribution").GetDouble())).ToArray();
        Assert.Equal(magnitudes.OrderDescending(), magnitudes);
    }
}
