using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StreamMl.Core.Contracts;
using StreamMl.Core.Training;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Ingestion;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.EndToEnd;

/// <summary>
/// Late labels through a real node: events without labels are answered, their true labels arrive on the labels
/// topic (after the events, or before them), join their predictions in the label-join buckets, become quality in
/// the slices and training examples in the store; labels for ids never seen wait and are counted, malformed label
/// records are dead-lettered with their reason.
/// </summary>
public sealed class LabelJoinEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-labels-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start();

    [Fact]
    public async Task Late_labels_join_their_predictions_in_either_order_and_become_slice_quality_and_training_examples()
    {
        // Rows 0-2,999 trained the model; labels arrive after rows 3,000-5,999 and before rows 6,000-6,999.
        var after = ElecEvents.Read(skip: 3000, take: 3000);
        var before = ElecEvents.Read(skip: 6000, take: 1000);
        var truth = ElecEvents.Read(skip: 3000, take: 4000, withLabels: true).ToDictionary(e => e.Id, e => e.Label!.Value.Number!.Value);
        Assert.Equal(4000, truth.Count);
        Assert.All(truth.Values, label => Assert.True(label is 0 or 1));
        var unknown = Enumerable.Range(0, 100).Select(i => ($"ghost-{i}", (double)(i % 2))).ToList();
        var malformed = MalformedLabels();

        Produce("streamml.events", after.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= after.Count, Patience, "predictions of the first events");

        // The labels of the answered events, with labels for ids never seen and malformed records among them.
        var records = new List<(string?, byte[])>();
        for (var i = 0; i < after.Count; i++)
        {
            records.Add(Label(after[i].Id, truth[after[i].Id]));
            if (i % 30 == 0) records.Add(Label(unknown[i / 30].Item1, unknown[i / 30].Item2));
            if (i % 300 == 150) records.AddRange(malformed.Skip(i / 300 * malformed.Count / 10).Take(malformed.Count / 10).Select(m => ((string?)m.Key, m.Value)));
        }
        Assert.Equal(after.Count + unknown.Count + malformed.Count, records.Count);
        Produce("streamml.labels", records);
        var joinedAfter = await Labels(node, j => j.Join.Joined >= after.Count && j.Ingestion.Consumed >= records.Count, "labels after their events");
        Assert.Equal(after.Count, joinedAfter.Join.Joined);
        // Every label of an answered event found its prediction waiting: all joined at once.
        Assert.Equal(after.Count, joinedAfter.Ingestion.Joined);
        Assert.Equal(unknown.Count, joinedAfter.Join.WaitingLabels);
        Assert.Equal(0, joinedAfter.Join.PendingPredictions);

        // Labels first: they wait in their buckets until their events are answered.
        Produce("streamml.labels", before.Select(e => Label(e.Id, truth[e.Id])));
        var consumed = records.Count + before.Count;
        var waiting = await Labels(node, j => j.Ingestion.Consumed >= consumed && j.Join.WaitingLabels >= unknown.Count + before.Count, "labels before their events");
        Assert.Equal(after.Count, waiting.Join.Joined);
        Assert.Equal(unknown.Count + before.Count, waiting.Join.WaitingLabels);
        Produce("streamml.events", before.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
        var final = await Labels(node, j => j.Join.Joined >= truth.Count, "labels joined to later events");

        output.WriteLine(JsonSerializer.Serialize(final));
        Assert.Equal(truth.Count, final.Join.Joined);
        Assert.Equal(unknown.Count, final.Join.WaitingLabels);
        Assert.Equal(0, final.Join.PendingPredictions);
        // Unknown ids are not errors: they wait for a prediction until the horizon, then count as unknown labels.
        Assert.Equal(0, final.Join.UnknownLabels);
        Assert.Equal(0, final.Join.ExpiredPredictions);
        Assert.Equal(0, final.Join.DuplicateLabels);
        Assert.Equal(0, final.Join.DuplicatePredictions);
        Assert.Equal(consumed, final.Ingestion.Consumed);
        Assert.Equal(malformed.Count, final.Ingestion.DeadLetters);
        Assert.Equal(after.Count, final.Ingestion.Joined);

        // The quality of v1 in the global slice is that of the published predictions against the true labels.
        var predictions = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", truth.Count, Patience);
        var answers = predictions.Select(p => JsonSerializer.Deserialize<JsonElement>(p.Message.Value!)).ToList();
        Assert.Equal(truth.Keys.Order(), answers.Select(a => a.GetProperty("id").GetString()).Order());
        Assert.All(answers, a => Assert.Equal("v1", a.GetProperty("modelVersion").GetString()));
        var right = answers.Count(a => a.GetProperty("predictedLabel").GetBoolean() == (truth[a.GetProperty("id").GetString()!] == 1));
        var expectedAccuracy = (double)right / truth.Count;
        output.WriteLine($"v1 answered {right} of {truth.Count} labelled events right: accuracy {expectedAccuracy:F4}");

        var global = await Eventually.Get(() => Quality(node, "*"), q => q.Count >= truth.Count, Patience, "labelled outcomes in the global slice");
        Assert.Equal(truth.Count, global.Count);
        Assert.Equal(expectedAccuracy, global.Accuracy, 12);
        // Each labelled event counts once in its day part.
        var dayParts = new[] { "night", "morning", "afternoon", "evening" };
        var perPart = await Eventually.Get(async () => (await Task.WhenAll(dayParts.Select(p => Quality(node, $"dayPart={p}")))).Sum(q => q.Count),
            n => n >= truth.Count, Patience, "labelled outcomes in the day-part slices");
        Assert.Equal(truth.Count, perPart);

        // Malformed label records are on the dead-letter topic, unchanged, with the labels topic and their reason.
        var letters = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.deadletter", malformed.Count, Patience);
        Assert.Equal(malformed.Count, letters.Count);
        var byKey = malformed.ToDictionary(m => m.Key);
        foreach (var letter in letters)
        {
            var original = byKey[Encoding.UTF8.GetString(letter.Message.Key!)];
            Assert.Equal(original.Value, letter.Message.Value);
            Assert.Equal(original.ExpectedReason, DeadLetterMessage.Header(letter.Message.Headers, DeadLetterHeaders.Reason));
            Assert.False(string.IsNullOrEmpty(DeadLetterMessage.Header(letter.Message.Headers, DeadLetterHeaders.Detail)));
            Assert.Equal("streamml.labels", DeadLetterMessage.Header(letter.Message.Headers, DeadLetterHeaders.SourceTopic));
            Assert.NotNull(DeadLetterMessage.Header(letter.Message.Headers, DeadLetterHeaders.SourceOffset));
        }
        Assert.Equal(malformed.Select(m => m.Key).Order(), letters.Select(l => Encoding.UTF8.GetString(l.Message.Key!)).Order());

        // Every join is a training example in the node's store, with its event's true label.
        var store = node.Services.GetRequiredService<IExampleStore>();
        await Eventually.Get(() => store.CountAsync(CancellationToken.None), n => n >= truth.Count, Patience, "training examples");
        Assert.Equal(truth.Count, await store.CountAsync(CancellationToken.None));
        var examples = await store.ReadAsync(1, await store.LatestSequenceAsync(CancellationToken.None), CancellationToken.None);
        Assert.Equal(truth.Keys.Order(), examples.Select(e => e.Event.Id).Order());
        Assert.All(examples, e => Assert.Equal(truth[e.Event.Id], e.Event.Label));
        Assert.All(examples, e => Assert.Contains("*", e.Event.Slices));

        // The quality learnt from late labels survives a restart of the node.
        await node.Stop();
        await using var restarted = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        var again = await Quality(restarted, "*");
        Assert.Equal(truth.Count, again.Count);
        Assert.Equal(expectedAccuracy, again.Accuracy, 12);
    }

    [Fact]
    public async Task A_label_for_an_id_never_predicted_is_counted_as_unknown_once_the_horizon_passes()
    {
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
            ["Labels:HorizonSeconds"] = "1",
        });
        Produce("streamml.labels", Enumerable.Range(0, 50).Select(i => Label($"ghost-{i}", i % 2)));

        var counted = await Labels(node, j => j.Join.UnknownLabels >= 50, "unknown labels expired");

        output.WriteLine(JsonSerializer.Serialize(counted));
        Assert.Equal(50, counted.Join.UnknownLabels);
        Assert.Equal(0, counted.Join.WaitingLabels);
        Assert.Equal(0, counted.Join.Joined);
        Assert.Equal(50, counted.Ingestion.Consumed);
        Assert.Equal(0, counted.Ingestion.DeadLetters);
        Assert.Equal("ok", (await node.GetJson("/health")).GetProperty("status").GetString());
    }

    /// <summary>Label records that must be dead-lettered, each with the reason it must carry; keys "bad-label-N".</summary>
    private static List<(string Key, byte[] Value, string ExpectedReason)> MalformedLabels()
    {
        var makers = new (Func<int, byte[]> Value, string Reason)[]
        {
            (i => Encoding.UTF8.GetBytes($$"""{"id":"m-{{i}}","label":"""), RejectionCodes.InvalidJson),
            (_ => Encoding.UTF8.GetBytes("label me"), RejectionCodes.InvalidJson),
            (_ => Encoding.UTF8.GetBytes("[1,0]"), RejectionCodes.InvalidJson),
            (_ => Encoding.UTF8.GetBytes("""{"label":1}"""), RejectionCodes.MissingId),
            (i => Encoding.UTF8.GetBytes($$"""{"id":{{i}},"label":1}"""), RejectionCodes.InvalidId),
            (_ => Encoding.UTF8.GetBytes("""{"id":"","label":0}"""), RejectionCodes.InvalidId),
            (i => Encoding.UTF8.GetBytes($$"""{"id":"m-{{i}}","label":"maybe"}"""), RejectionCodes.InvalidLabel),
            (i => Encoding.UTF8.GetBytes($$"""{"id":"m-{{i}}","label":0.5}"""), RejectionCodes.InvalidLabel),
            (i => Encoding.UTF8.GetBytes($$"""{"id":"m-{{i}}"}"""), RejectionCodes.InvalidLabel),
            (i => [.. Encoding.UTF8.GetBytes($$"""{"id":"m-{{i}}","label":1,"note":"""), (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'], RejectionCodes.InvalidUtf8),
            // A lone surrogate escape once threw inside the decoder and stopped the label consumer.
            (_ => Encoding.UTF8.GetBytes("""{"id":"\udc00","label":1}"""), RejectionCodes.InvalidJson),
            (i => Encoding.UTF8.GetBytes($$"""{"\ud800":{{i}},"id":"m-{{i}}","label":1}"""), RejectionCodes.InvalidJson),
        };
        return Enumerable.Range(0, 40).Select(i =>
        {
            var (value, reason) = makers[i % makers.Length];
            return ($"bad-label-{i}", value(i), reason);
        }).ToList();
    }

    private static (string?, byte[]) Label(string id, double label) =>
        (id, Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","label":{{label.ToString(CultureInfo.InvariantCulture)}}}"""));

    private void Produce(string topic, IEnumerable<(string? Key, byte[] Value)> records) =>
        KafkaTopics.Produce(_broker.BootstrapServers, topic, records);

    private static Task<LabelsView> Labels(TestNode node, Func<LabelsView, bool> done, string what) =>
        Eventually.Get(async () => LabelsView.Of(await node.GetJson("/labels")), done, Patience, what);

    private static async Task<(long Count, double Accuracy)> Quality(TestNode node, string slice)
    {
        var summary = await node.GetJson($"/slices/{Uri.EscapeDataString(slice)}");
        if (!summary.GetProperty("quality").TryGetProperty("v1", out var v1)) return (0, double.NaN);
        var lifetime = v1.GetProperty("lifetime");
        return (lifetime.GetProperty("count").GetInt64(),
            lifetime.GetProperty("accuracy").ValueKind == JsonValueKind.Number ? lifetime.GetProperty("accuracy").GetDouble() : double.NaN);
    }

    /// <summary>The answer of GET /labels.</summary>
    private sealed record LabelsView(int Buckets, JoinView Join, IngestionView Ingestion)
    {
        public static LabelsView Of(JsonElement json) => json.Deserialize<LabelsView>(JsonSerializerOptions.Web)!;
    }

    private sealed record JoinView(long Joined, long UnknownLabels, long ExpiredPredictions, long LatePredictionsEvicted,
        long DuplicateLabels, long DuplicatePredictions, long PendingPredictions, long WaitingLabels);

    private sealed record IngestionView(long Consumed, long Joined, long DeadLetters);

    public void Dispose()
    {
        _broker.Dispose();
        // The data directory is kept for reading the node's log when a test failed.
    }
}
