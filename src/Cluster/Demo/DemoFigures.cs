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

/// <summary>The demo's figures beside the node's own: the served answers' accuracy, the no-change baseline, and the online model's freshness and updates.</summary>
public static class DemoFigures
{
    /// <summary>
    /// The published predictions: how many had a label in the CSV, the share of those answered right, the online
    /// model's labels behind over them (null for a batch model), and how many examples the champion learnt.
    /// </summary>
    public sealed record ServedFigures(long Judged, double? Accuracy, long? LabelsBehindP50, long? LabelsBehindP99, long? Updates);

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

    /// <summary>
    /// The published predictions (each event's served answer; a shadow model's answers are not published) judged
    /// against the labels of the CSV, and the online model's lag over them; the champion's updates.
    /// </summary>
    public static async Task<ServedFigures> Served(string bootstrapServers, CompiledSpec spec, DemoOptions options, HttpClient http, CancellationToken ct)
    {
        var decoder = new EventDecoder(spec);
        var truth = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var e in new CsvEventSource(options.Csv, spec.Spec, includeLabels: true, idPrefix: "elec-", skip: options.TrainRows, take: options.Events))
            if (decoder.Decode(EventProducer.Serialize(e)).Event is { Label: { } label } valid) truth[valid.Id] = label;
        var behind = new List<long>();
        var (judged, right) = (0L, 0L);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in TopicReader.Read(new TopicReadOptions { BootstrapServers = bootstrapServers, Topic = "streamml.predictions" }, ct))
        {
            if (record.Message.Value is not { } value || JsonSerializer.Deserialize(value, ContractsJsonContext.Default.PredictionRecord) is not { } p) continue;
            if (!seen.Add(p.Id)) continue;
            if (p.LabelsBehind is { } lag) behind.Add(lag);
            if (p.PredictedLabel is not { } predicted || !truth.TryGetValue(p.Id, out var label)) continue;
            judged++;
            if (predicted == (label == 1)) right++;
        }
        behind.Sort();
        var champion = (await http.GetFromJsonAsync<JsonElement>("/models", ct)).GetProperty("champion").GetString();
        long? updates = null;
        if (champion is not null
            && (await http.GetFromJsonAsync<JsonElement>($"/models/{champion}", ct)).TryGetProperty("learning", out var learning))
            updates = learning.GetProperty("updates").GetInt64();
        return new ServedFigures(judged, judged == 0 ? null : Math.Round((double)right / judged, 4), Quantile(behind, 0.5), Quantile(behind, 0.99), updates);
    }

    private static long? Quantile(List<long> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
