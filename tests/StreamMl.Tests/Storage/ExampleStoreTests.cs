using System.Diagnostics;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Training;
using Xunit;
using Xunit.Abstractions;
using StreamMl.Tests.Support;

namespace StreamMl.Tests.Storage;

/// <summary>The SQL example store on SQLite and on a real PostgreSQL.</summary>
public sealed class ExampleStoreTests(ITestOutputHelper output) : IDisposable
{
    private StoreDatabase? _database;

    private IExampleStore Open(string provider)
    {
        _database = new StoreDatabase(provider);
        return _database.Connect().Examples;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task An_empty_store_has_no_examples_and_latest_sequence_0(string provider)
    {
        var store = Open(provider);

        Assert.Equal(0, await store.LatestSequenceAsync(default));
        Assert.Equal(0, await store.CountAsync(default));
        Assert.Empty(await store.ReadAsync(0, long.MaxValue, default));
        Assert.Empty(await store.ReadLatestAsync(10, long.MaxValue, default));
        Assert.Equal(0, await store.TrimAsync(0, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Read_returns_the_appended_events_equal_field_by_field(string provider)
    {
        var store = Open(provider);
        var events = StoreEvents.Awkward();

        await store.AppendAsync(events.AsExamples(), default);
        var read = await store.ReadAsync(1, long.MaxValue, default);

        Assert.Equal(events.Count, read.Count);
        for (var i = 0; i < events.Count; i++) StoreEvents.AssertSame(events[i], read[i].Event);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_row_holds_the_event_id_and_the_payload_json_as_text(string provider)
    {
        var store = Open(provider);
        var e = new ValidEvent("\u00e9v\u00e9nement-7", new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2)),
            [0.5, double.NaN, -0.0, double.PositiveInfinity], ["mon", null, "\u4e2d"], [null], 1.0, ["*", "day=mon"]);

        await store.AppendAsync(StoreEvents.Many(70).Prepend(e).AsExamples(), default);
        // The same event's arrays and values again, as events that share them are written: from the text kept of them.
        await store.AppendAsync(new[] { e, e, e }.AsExamples(), default);
        var rows = _database!.ExampleRows();

        Assert.Equal(74, rows.Count);
        Assert.Equal("\u00e9v\u00e9nement-7", rows[0].EventId);
        foreach (var row in rows.Take(1).Concat(rows.TakeLast(3)))
            Assert.Equal(
                """{"time":"2024-05-01T12:30:00+02:00","numeric":[0.5,null,-0,"Infinity"],"categorical":["mon",null,"中"],"derived":[null],"label":1,"slices":["*","day=mon"]}""",
                row.Payload);
        Assert.All(rows, r => Assert.Equal("text", r.PayloadType));
        Assert.Equal(StoreEvents.Many(70).Select(x => x.Id), rows.Skip(1).Take(70).Select(r => r.EventId));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Sequences_ascend_in_append_order_across_appends(string provider)
    {
        var store = Open(provider);
        var first = StoreEvents.Many(3, "first-");
        var second = StoreEvents.Many(4, "second-");

        await store.AppendAsync(first.AsExamples(), default);
        await store.AppendAsync([], default);
        await store.AppendAsync(second.AsExamples(), default);
        var all = await store.ReadAsync(long.MinValue, long.MaxValue, default);

        Assert.Equal(first.Concat(second).Select(e => e.Id), all.Select(x => x.Event.Id));
        AssertAscending(all);
        Assert.True(all[0].Sequence > 0);
        Assert.Equal(all[^1].Sequence, await store.LatestSequenceAsync(default));
        Assert.Equal(7, await store.CountAsync(default));
        var middle = await store.ReadAsync(all[2].Sequence, all[4].Sequence, default);
        Assert.Equal(["first-2", "second-0", "second-1"], middle.Select(x => x.Event.Id));
        Assert.Empty(await store.ReadAsync(all[4].Sequence, all[2].Sequence, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task An_example_without_an_event_refuses_the_whole_append(string provider)
    {
        var store = Open(provider);
        var examples = StoreEvents.Many(3).AsExamples();
        examples.Insert(1, default);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(examples, default));

        Assert.Contains("example 1", e.Message);
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task The_label_stored_is_the_examples_whatever_its_event_carried(string provider)
    {
        var store = Open(provider);
        var late = StoreEvents.Unlabelled("late");
        var relabelled = StoreEvents.Many(1, "relabelled-")[0];

        await store.AppendAsync([new TrainingExample(late, 1.0), new TrainingExample(relabelled, 1 - relabelled.Label!.Value)], default);
        var read = await store.ReadAsync(1, long.MaxValue, default);

        Assert.Equal(1.0, read[0].Event.Label);
        Assert.Equal(1 - relabelled.Label.Value, read[1].Event.Label);
        StoreEvents.AssertSame(late with { Label = 1.0 }, read[0].Event);
    }

    [Fact]
    public void An_event_without_a_label_is_no_example()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingExample.Of(StoreEvents.Unlabelled("no-label")));

        Assert.Contains("'no-label'", e.Message);
        Assert.Contains("has no label", e.Message);
    }

    [Fact]
    public async Task A_row_sqlite_refuses_fails_the_whole_append_with_sqlites_message_and_the_store_goes_on()
    {
        var store = Open("sqlite");
        await store.CountAsync(default);
        // The 70th row falls in the second statement of the append (64 rows each), after the first one's rows went in.
        _database!.Execute("""
            CREATE TRIGGER refuse_one BEFORE INSERT ON streamml_examples WHEN NEW.event_id = 'e-69'
            BEGIN SELECT RAISE(ABORT, 'example e-69 refused'); END
            """);

        var e = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => store.AppendAsync(StoreEvents.Many(100).AsExamples(), default));
        Assert.Contains("example e-69 refused", e.Message);
        Assert.Equal(0, await store.CountAsync(default));

        await store.AppendAsync(StoreEvents.Many(60, "later-").AsExamples(), default);
        Assert.Equal(StoreEvents.Many(60, "later-").Select(x => x.Id), (await store.ReadAsync(1, long.MaxValue, default)).Select(x => x.Event.Id));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task ReadLatest_returns_the_latest_count_up_to_a_sequence_in_ascending_order(string provider)
    {
        var store = Open(provider);
        await store.AppendAsync(StoreEvents.Many(10).AsExamples(), default);
        var all = await store.ReadAsync(1, long.MaxValue, default);

        var latest = await store.ReadLatestAsync(3, long.MaxValue, default);
        Assert.Equal(["e-7", "e-8", "e-9"], latest.Select(x => x.Event.Id));

        var upTo = await store.ReadLatestAsync(4, all[5].Sequence, default);
        Assert.Equal(["e-2", "e-3", "e-4", "e-5"], upTo.Select(x => x.Event.Id));

        Assert.Equal(all.Select(x => x.Sequence), (await store.ReadLatestAsync(100, long.MaxValue, default)).Select(x => x.Sequence));
        Assert.Empty(await store.ReadLatestAsync(0, long.MaxValue, default));
        Assert.Empty(await store.ReadLatestAsync(5, all[0].Sequence - 1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadLatestAsync(-1, long.MaxValue, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Trim_keeps_the_latest_and_sequences_are_never_reused(string provider)
    {
        var store = Open(provider);
        await store.AppendAsync(StoreEvents.Many(10).AsExamples(), default);
        var all = await store.ReadAsync(1, long.MaxValue, default);

        Assert.Equal(0, await store.TrimAsync(10, default));
        Assert.Equal(6, await store.TrimAsync(4, default));
        Assert.Equal(all.Skip(6).Select(x => x.Sequence), (await store.ReadAsync(1, long.MaxValue, default)).Select(x => x.Sequence));
        Assert.Equal(4, await store.CountAsync(default));

        Assert.Equal(4, await store.TrimAsync(0, default));
        Assert.Equal(0, await store.CountAsync(default));
        Assert.Equal(0, await store.LatestSequenceAsync(default));
        await store.AppendAsync(StoreEvents.Many(1, "after-").AsExamples(), default);
        Assert.True(await store.LatestSequenceAsync(default) > all[^1].Sequence);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TrimAsync(-1, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_snapshot_rebuilt_from_a_new_connection_equals_the_original(string provider)
    {
        var store = Open(provider);
        await store.AppendAsync(StoreEvents.Awkward().AsExamples(), default);
        await store.AppendAsync(StoreEvents.Many(200).AsExamples(), default);
        var latest = await store.LatestSequenceAsync(default);
        var original = TrainingSnapshot.Of(await store.ReadLatestAsync(150, latest, default));

        await store.AppendAsync(StoreEvents.Many(50, "later-").AsExamples(), default);
        var again = _database!.Connect().Examples;
        var rebuilt = await again.ReadAsync(original.FromSequence, original.ToSequence, default);

        Assert.Equal(original, TrainingSnapshot.Of(rebuilt));
        Assert.True(original.Verify(rebuilt));
        Assert.Equal(150, original.Count);
        var everything = TrainingSnapshot.Of(await again.ReadAsync(1, long.MaxValue, default));
        Assert.Equal(everything, TrainingSnapshot.Of(await store.ReadAsync(1, long.MaxValue, default)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Concurrent_appends_from_two_store_instances_lose_no_rows_and_keep_each_append_contiguous(string provider)
    {
        Open(provider);
        await AssertConcurrentAppends([_database!.Connect().Examples, _database.Connect().Examples]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Concurrent_appends_through_one_store_instance_lose_no_rows_and_keep_each_append_contiguous(string provider)
    {
        var store = Open(provider);
        await AssertConcurrentAppends([store, store]);
    }

    private static async Task AssertConcurrentAppends(IExampleStore[] stores)
    {
        const int appends = 20, perAppend = 50;
        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var a = 0; a < appends; a++) await store.AppendAsync(StoreEvents.Many(perAppend, $"s{s}-a{a}-").AsExamples(), default);
        })));
        var all = await stores[0].ReadAsync(1, long.MaxValue, default);

        Assert.Equal(2 * appends * perAppend, all.Count);
        Assert.Equal(all.Count, all.Select(x => x.Event.Id).Distinct().Count());
        AssertAscending(all);
        // Appends are serialised: the events of one append sit next to each other, in their order.
        for (var i = 0; i < all.Count; i += perAppend)
        {
            var prefix = all[i].Event.Id[..all[i].Event.Id.LastIndexOf('-')];
            Assert.Equal(Enumerable.Range(0, perAppend).Select(n => $"{prefix}-{n}"), all.Skip(i).Take(perAppend).Select(x => x.Event.Id));
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Stores_starting_together_on_a_new_database_all_create_or_find_the_tables(string provider)
    {
        Open(provider);
        var stores = Enumerable.Range(0, 8).Select(_ => _database!.Connect()).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(async () =>
        {
            await s.Examples.CountAsync(default);
            await s.Artifacts.GetAsync(new string('0', 64), default);
        })));

        Assert.Equal(0, await stores[0].Examples.CountAsync(default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task An_append_of_1000_examples_is_one_transaction(string provider)
    {
        var store = Open(provider);
        await store.AppendAsync(StoreEvents.Many(10, "warm-").AsExamples(), default);
        var events = StoreEvents.Many(1000);

        var clock = Stopwatch.StartNew();
        await store.AppendAsync(events.AsExamples(), default);
        clock.Stop();

        output.WriteLine($"{provider}: append of 1,000 examples in {clock.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(1010, await store.CountAsync(default));
        // The rate is measured by the bench (StreamMl.Bench examples), not asserted here.
    }

    private static void AssertAscending(IReadOnlyList<LabelledExample> examples)
    {
        for (var i = 1; i < examples.Count; i++)
            Assert.True(examples[i - 1].Sequence < examples[i].Sequence, $"sequence {examples[i].Sequence} follows {examples[i - 1].Sequence}");
    }

    public void Dispose() => _database?.Dispose();
}
