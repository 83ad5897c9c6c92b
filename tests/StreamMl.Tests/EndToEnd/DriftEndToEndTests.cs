using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.EndToEnd;

/// <summary>Streams whose concept changes at a known event, through a real node over the dev broker.</summary>
public sealed class DriftEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const int DriftAt = 20_000;
    /// <summary>The stated bound: an alarm within two windows (2 × 2,000 events) of the change.</summary>
    private const int MaxDelay = 4_000;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-drift-").FullName;
    // One partition: the slices see the events in the order they were generated, so "before the change" is exact.
    private readonly MockKafkaCluster _broker = TestBroker.Start(eventPartitions: 1);

    [Fact]
    public async Task A_SEA_concept_change_at_event_20000_raises_a_journaled_alarm_on_the_global_slice_and_none_before()
    {
        // SEA, seed 5: concept 0 (θ = 8) for the first 20,000 events, then concept 1 (θ = 9), 10% label noise.
        var stream = SeaGenerator.Drifting(seed: 5, new DriftSchedule(new ConceptDrift(DriftAt, 1)));
        var events = GeneratedEvents.ToEvents(stream, includeLabels: true, idPrefix: "sea-").Take(40_000).ToList();
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e))));
        var settings = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers };

        var node = await StartSeaNode(settings);
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= events.Count, TimeSpan.FromSeconds(90), "predictions");
        var alerts = Alerts(1);
        // The slices' figures (the reference among them) reach the directory a moment after their checkpoint.
        var drift = await Eventually.Get(() => node.GetJson("/drift"), d => ReferenceModel(d, "*") is not null, TimeSpan.FromSeconds(30), "the global slice's reference");
        await node.Stop();

        foreach (var alert in alerts) output.WriteLine($"{alert.Slice} {alert.Kind} {alert.Feature} {alert.Test} at event {alert.AtEvent} ({alert.Detail})");
        var global = alerts.Where(a => a.Slice == "*" && a.Kind == "drift").ToList();
        Assert.NotEmpty(global);
        Assert.All(global, a => Assert.True(a.AtEvent > DriftAt, $"alarm before the change: {a}"));
        Assert.InRange(global.Min(a => a.AtEvent!.Value), DriftAt + 1, DriftAt + MaxDelay);
        Assert.Contains(global, a => a.Feature == "label" && a.ModelVersion == "v1");
        var globalAlarms = AlarmsOf(drift, "*");
        // The reference is the profile of the data model v1 was trained on, carried with the model.
        Assert.Equal("v1", ReferenceModel(drift, "*"));
        Assert.Contains(globalAlarms, a => a.GetProperty("feature").GetString() == "label");

        // The alarm is in the journal and the snapshot: a restarted node still shows it.
        node = await StartSeaNode(settings);
        var afterRestart = AlarmsOf(await node.GetJson("/drift"), "*");
        Assert.Equal(globalAlarms.Select(a => a.GetRawText()).Order(), afterRestart.Select(a => a.GetRawText()).Order());
        await node.DisposeAsync();
    }

    [Fact]
    public async Task Two_SEA_concept_changes_give_two_detections_of_the_error_detector_on_the_global_slice_each_within_its_stated_delay()
    {
        // SEA, seed 5: concept 0 (θ = 8) until event 20,000, concept 2 (θ = 7) until 40,000, then concept 3 (θ = 9.5). The
        // served model knows concept 0 only, so its error rate goes from about 10% to 16% to 20.5% (0.1 + 0.8·d, d the
        // share on which θ = 8 and the concept disagree); the model never changes.
        var stream = SeaGenerator.Drifting(seed: 5, new DriftSchedule(new ConceptDrift(DriftAt, 2), new ConceptDrift(2 * DriftAt, 3)));
        var events = GeneratedEvents.ToEvents(stream, includeLabels: true, idPrefix: "sea2-").Take(3 * DriftAt).ToList();
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e))));

        await using var node = await StartSeaNode(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= events.Count, TimeSpan.FromSeconds(120), "predictions");
        await Eventually.Get(() => node.GetJson("/slices"), slices => slices.GetProperty("items").EnumerateArray()
            .Any(s => s.GetProperty("id").GetString() == "*" && Events(s) >= events.Count), TimeSpan.FromSeconds(60), "the global slice");
        // The stated delays follow from the served model's error rate before and after each change, read off its predictions.
        var rates = ErrorRates(events, Predictions(events.Count), DriftAt);
        var detections = Alerts(2).Where(a => a.Slice == "*" && a.Feature == "error" && a.Kind == "drift").OrderBy(a => a.AtEvent).ToList();

        output.WriteLine($"error rates {string.Join(" → ", rates.Select(r => r.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
        foreach (var d in detections) output.WriteLine($"{d.Test} detection {d.Detections} at event {d.AtEvent} ({d.Detail})");
        Assert.Equal(2, detections.Count);
        Assert.InRange(detections[0].AtEvent!.Value, DriftAt + 1, DriftAt + AdwinDelay.Stated(rates[0], rates[1], DriftAt));
        Assert.InRange(detections[1].AtEvent!.Value, 2 * DriftAt + 1, 2 * DriftAt + AdwinDelay.Stated(rates[1], rates[2], DriftAt));
        Assert.All(detections, d => Assert.Equal(("ADWIN", "v1", detections[0].AtEvent), (d.Test, d.ModelVersion, d.RaisedAtEvent)));
        Assert.Equal([1, 2], detections.Select(d => d.Detections!.Value));
    }

    [Fact]
    public async Task When_only_one_slice_drifts_only_that_slice_alarms()
    {
        // SEA features; the label of rows with attrib3 >= 5 (slice attrib3Level=high) switches from θ = 8 to θ = 5 at event 20,000.
        var random = new Random(17);
        var events = Enumerable.Range(0, 40_000).Select(i =>
        {
            double a1 = random.NextDouble() * 10, a2 = random.NextDouble() * 10, a3 = random.NextDouble() * 10;
            var theta = a3 >= 5 && i >= DriftAt ? 5.0 : 8.0;
            var features = new Dictionary<string, FeatureValue>
            {
                ["attrib1"] = FeatureValue.Of(a1), ["attrib2"] = FeatureValue.Of(a2), ["attrib3"] = FeatureValue.Of(a3),
            };
            return new EventRecord($"slice-{i}", null, features, FeatureValue.Of(a1 + a2 <= theta ? 1 : 0));
        }).ToList();
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e))));

        await using var node = await StartSeaNode(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= events.Count, TimeSpan.FromSeconds(90), "predictions");
        // The directory behind /drift learns each slice's figures at its checkpoints: wait until both slices have all their events.
        await Eventually.Get(() => node.GetJson("/slices"), slices => slices.GetProperty("items").EnumerateArray()
            .Where(s => s.GetProperty("id").GetString() is "attrib3Level=high" or "attrib3Level=low").Sum(Events) >= events.Count,
            TimeSpan.FromSeconds(60), "both slices' events in the directory");
        var drift = await node.GetJson("/drift");

        Assert.NotEmpty(AlarmsOf(drift, "attrib3Level=high"));
        Assert.Empty(AlarmsOf(drift, "attrib3Level=low"));
    }

    private Task<TestNode> StartSeaNode(Dictionary<string, string?> settings) =>
        TestNode.Start(_dataDirectory, settings, spec: RepoPaths.Spec("sea.json"), model: TestModels.SeaV1);

    private List<PredictionRecord> Predictions(int expected) =>
        KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", expected, TimeSpan.FromSeconds(60))
            .Select(r => JsonSerializer.Deserialize(r.Message.Value, ContractsJsonContext.Default.PredictionRecord)!)
            .ToList();

    /// <summary>The share of wrong predictions in each stretch of <paramref name="stretch"/> events.</summary>
    private static string? ReferenceModel(JsonElement drift, string slice) =>
        drift.GetProperty("slices").EnumerateArray().SingleOrDefault(s => s.GetProperty("slice").GetString() == slice) is { ValueKind: JsonValueKind.Object } found
        && found.GetProperty("referenceModel").ValueKind == JsonValueKind.String ? found.GetProperty("referenceModel").GetString() : null;

    private static double[] ErrorRates(IReadOnlyList<EventRecord> events, IEnumerable<PredictionRecord> predictions, int stretch)
    {
        var predicted = predictions.ToDictionary(p => p.Id, p => p.PredictedLabel == true);
        return events.Select((e, i) => (Stretch: i / stretch, Wrong: predicted[e.Id] != (e.Label!.Value.Number == 1)))
            .GroupBy(x => x.Stretch).OrderBy(g => g.Key).Select(g => g.Average(x => x.Wrong ? 1.0 : 0.0)).ToArray();
    }

    private List<AlertRecord> Alerts(int atLeast) =>
        KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.alerts", atLeast, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2))
            .Select(r => JsonSerializer.Deserialize(r.Message.Value, ContractsJsonContext.Default.AlertRecord)!)
            .ToList();

    private static List<JsonElement> AlarmsOf(JsonElement drift, string slice) =>
        drift.GetProperty("slices").EnumerateArray().Single(s => s.GetProperty("slice").GetString() == slice)
            .GetProperty("alarms").EnumerateArray().ToList();

    public void Dispose() => _broker.Dispose();

    /// <summary>A slice's events at its last checkpoint; 0 before its first.</summary>
    private static long Events(JsonElement slice) =>
        slice.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Number ? events.GetInt64() : 0;
}
