using Akka.Actor;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Labels;
using StreamMl.Tests.Storage;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Labels;

/// <summary>The example writer appending labelled events to a real store (SQLite), in batches, one write at a time.</summary>
public sealed class ExampleWriterTests : TestKit
{
    private readonly StoreDatabase _database = new("sqlite");

    [Fact]
    public async Task Examples_sent_in_many_small_messages_are_stored_once_each_in_the_order_they_were_sent()
    {
        var store = _database.Connect().Examples;
        var writer = Sys.ActorOf(ExampleWriter.Props(store, keep: 1_000_000));
        // Messages of 1 to 700 examples: enough for several writes, with messages arriving while one is under way
        // (buffered in the list of the write before, emptied), and a pause after which the writer flushes on its timer.
        var events = StoreEvents.Many(9_000, "w-");
        var sent = 0;
        for (var size = 1; sent < 6_000; size = size % 700 + 97)
        {
            var take = Math.Min(size, 6_000 - sent);
            writer.Tell(new AppendExamples(events.Skip(sent).Take(take).ToList().AsExamples()));
            sent += take;
        }
        await AwaitConditionAsync(async () => await store.CountAsync(default) == 6_000, TimeSpan.FromSeconds(30));
        writer.Tell(new AppendExamples(events.Skip(6_000).ToList().AsExamples()));
        await AwaitConditionAsync(async () => await store.CountAsync(default) == 9_000, TimeSpan.FromSeconds(30));

        var stored = await store.ReadAsync(1, long.MaxValue, default);
        Assert.Equal(events.Select(e => e.Id), stored.Select(s => s.Event.Id));
        Assert.Equal(events.Select(e => e.Label), stored.Select(s => s.Event.Label));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }
}
