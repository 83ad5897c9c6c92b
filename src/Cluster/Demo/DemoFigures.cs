using System.Net.Http.Json;
using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Evaluation;
using StreamMl.Core.Spec;
using StreamMl.Streams.Kafka;
using StreamMl.Streams.Replay;

namespace StreamMl.Cluster.Demo;

/// <summary>The demo's figures beside the node's own: the no-change baseline, and the online model's freshness and updates.</summary>
public static class DemoFigures
{
    /// <summary>What the online model's predictions said of their lag, and how many examples it learnt.</summary>
    public sealed record OnlineFigures(long? LabelsBehindP50, long? LabelsBehindP99, long? Updates);

    /// <summary>
    /// Accuracy of predicting the last label sent, over the replayed events: a label sent <paramref name="lag"/> events
    /// after its event is known from the event after that on, a label delay of lag + 1 in
    /// <see cref="PrequentialEvaluation"/>'s terms. Null for a numeric label.
    /// </summary>
    public static double? NoChangeAccuracy(CompiledSpec spec, DemoOptions options, int lag)
    {
        if (spec.Spec.Label.Kind != LabelKind.Binary) return null;
        var decoder = new EventDecoder(spec);
        var labels = new CsvEventSource(options.Csv, spec.Spec, includeLabels: true, idPrefix: "elec-", skip: options.TrainRows, take: options.Events)
            .Select(e => decoder.Decode(EventProducer.Serialize(e)).Event?.Label)
            .OfType<double>()
            .ToArray();
        if (labels.Length == 0) return null;
        var schema = new LearnerSchema([], [], LabelKind.Binary);
        var stream = new LabelledStream("replay", schema, [], [], labels);
        var noChange = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = LearnerCatalog.NoChange }, schema);
        return Math.Round(PrequentialEvaluation.Run(noChange, stream, lag + 1).Accuracy!.Value, 4);
    }

    /// <summary>The labels behind of every prediction on the predictions topic, and the champion's updates.</summary>
    public static async Task<OnlineFigures> Online(string bootstrapServers, HttpClient http, CancellationToken ct)
    {
        var behind = new List<long>();
        foreach (var record in TopicReader.Read(new TopicReadOptions { BootstrapServers = bootstrapServers, Topic = "streamml.predictions" }, ct))
        {
            if (record.Message.Value is not { } value) continue;
            if (JsonSerializer.Deserialize(value, ContractsJsonContext.Default.PredictionRecord)?.LabelsBehind is { } lag) behind.Add(lag);
        }
        behind.Sort();
        var champion = (await http.GetFromJsonAsync<JsonElement>("/models", ct)).GetProperty("champion").GetString();
        long? updates = null;
        if (champion is not null
            && (await http.GetFromJsonAsync<JsonElement>($"/models/{champion}", ct)).TryGetProperty("learning", out var learning))
            updates = learning.GetProperty("updates").GetInt64();
        return new OnlineFigures(Quantile(behind, 0.5), Quantile(behind, 0.99), updates);
    }

    private static long? Quantile(List<long> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
