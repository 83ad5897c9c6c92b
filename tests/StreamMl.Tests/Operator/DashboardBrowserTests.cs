using System.Net;
using System.Text.RegularExpressions;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Operator;

/// <summary>The dashboard at / of a real node that replayed a drifting stream, rendered by headless Chromium.</summary>
public sealed partial class DashboardBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-dashboard-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start(eventPartitions: 1);

    [ChromiumFact]
    public async Task The_dashboard_shows_the_drift_alarm_and_the_serving_model_that_the_node_reports()
    {
        // SEA, seed 5: the concept changes at event 20,000 (as in the drift end-to-end test); the global slice alarms.
        var stream = SeaGenerator.Drifting(seed: 5, new DriftSchedule(new ConceptDrift(20_000, 1)));
        var events = GeneratedEvents.ToEvents(stream, includeLabels: true, idPrefix: "sea-").Take(40_000).ToList();
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e))));
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers },
            spec: RepoPaths.Spec("sea.json"), model: TestModels.SeaV1);
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= events.Count, TimeSpan.FromSeconds(90), "predictions");
        var drift = await Eventually.Get(() => node.GetJson("/drift?alarmed=true"), d => d.GetProperty("alarms").GetInt32() > 0, TimeSpan.FromSeconds(20), "a drift alarm");
        var alarm = drift.GetProperty("slices").EnumerateArray().First(s => s.GetProperty("slice").GetString() == "*").GetProperty("alarms")[0];
        var (feature, test) = (alarm.GetProperty("feature").GetString()!, alarm.GetProperty("test").GetString()!);
        var champion = (await node.GetJson("/models")).GetProperty("champion").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await node.Http.GetAsync("/ready")).StatusCode);

        var dom = await HeadlessChromium.DumpDom(node.AdminUrl + "/", TimeSpan.FromSeconds(8));

        var rows = AlarmRow().Matches(dom).Select(m => (Slice: m.Groups["slice"].Value, Feature: m.Groups["feature"].Value, Test: m.Groups["test"].Value)).ToList();
        Assert.Contains(("*", feature, test), rows);
        Assert.Equal(champion, ServingModel().Match(dom).Groups["version"].Value);
        Assert.Matches(TimelineRow(), dom);
        Assert.DoesNotContain("Bearer", dom);

        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var screenshot = Path.Combine(directory, "dashboard-drift.png");
        await HeadlessChromium.Screenshot(node.AdminUrl + "/", screenshot, 1400, 2000, TimeSpan.FromSeconds(8));
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
        output.WriteLine($"alarm on * ({feature}, {test}), model {champion}; {rows.Count} alarm rows in the page; screenshot: {screenshot}");
    }

    [GeneratedRegex("<tr class=\"alarm\" data-slice=\"(?<slice>[^\"]*)\" data-feature=\"(?<feature>[^\"]*)\" data-test=\"(?<test>[^\"]*)\"")]
    private static partial Regex AlarmRow();

    [GeneratedRegex("<b id=\"serving-model\">(?<version>[^<]*)</b>")]
    private static partial Regex ServingModel();

    [GeneratedRegex("<div class=\"row\" data-slice=\"\\*\"><div class=\"name\">[^<]+</div><div class=\"track\"><div class=\"bar")]
    private static partial Regex TimelineRow();

    public void Dispose() => _broker.Dispose();
}
