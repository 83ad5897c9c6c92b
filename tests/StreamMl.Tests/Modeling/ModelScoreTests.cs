using System.Text.Json;
using StreamMl.Core.Modeling;
using Xunit;

namespace StreamMl.Tests.Modeling;

public sealed class ModelScoreTests
{
    public static TheoryData<double, double?, bool?> Answers => new()
    {
        { 1.25, 0.8, true },
        { -0.5, 0.1, false },
        { 3.5, null, null },
        { 0.2, double.NaN, true },
        { 0.0, 0.0, null },
        { 0.0, null, false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void An_answer_reads_back_as_given_with_null_apart_from_zero_and_NaN(double score, double? probability, bool? predicted)
    {
        var answer = new ModelScore(score, probability, predicted);

        Assert.Equal(score, answer.Score);
        Assert.Equal(probability, answer.Probability);
        Assert.Equal(predicted, answer.PredictedLabel);
        var (s, p, l) = answer;
        Assert.Equal((score, probability, predicted), (s, p, l));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void With_equality_and_json_treat_every_part(double score, double? probability, bool? predicted)
    {
        var answer = new ModelScore(score, probability, predicted);

        Assert.Equal(answer, new ModelScore(score, probability, predicted));
        Assert.Equal(new ModelScore(score, null, predicted), answer with { Probability = null });
        Assert.Equal(new ModelScore(score, probability, null), answer with { PredictedLabel = null });
        Assert.Equal(new ModelScore(score, 0.5, !predicted ?? true), answer with { Probability = 0.5, PredictedLabel = !predicted ?? true });
        Assert.NotEqual(answer, answer with { PredictedLabel = predicted is null ? false : null });
        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        Assert.Equal(answer, JsonSerializer.Deserialize<ModelScore>(JsonSerializer.Serialize(answer, options), options));
    }
}
