using System.Security.Cryptography;
using System.Text;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.OnlineLearning;

/// <summary>
/// An online replica is a deterministic function of the label log, shown on the first rows of elec: replicas fed the
/// same records end with the same checkpoint bytes, one restored from a checkpoint and fed the rest ends as one that
/// never stopped and predicts alike, a repeated event id is learnt once, a reset starts the learner afresh with the
/// same seed, a damaged checkpoint is refused, and the counters match what the log holds.
/// </summary>
public sealed class LearnerReplicaTests
{
    private static readonly CompiledSpec Elec = new(SpecLoader.Load(RepoPaths.Spec("elec2.json")));
    private static readonly LearnerSchema Schema = LearnerSchema.FromSpec(Elec);
    private static readonly Lazy<ValidEvent[]> Rows = new(() =>
    {
        var decoder = new EventDecoder(Elec);
        return ElecEvents.Read(0, 1200, withLabels: true).Select(e => decoder.Decode(ElecEvents.Json(e)).Event!).ToArray();
    });
    private static ValidEvent[] Events => Rows.Value;

    public static TheoryData<string> Learners => new() { "hoeffding-tree", "leveraging-bagging:labelHistory=1:seed=7", "logistic-sgd", "naive-bayes:labelHistory=2" };

    /// <summary>Event i as a label-log example: its label arrived at 1000 + i ms, with the labels of events i − 1, i − 2, … as revealed labels.</summary>
    private static LearningExample Example(int i)
    {
        var e = Events[i];
        var revealed = new double[2];
        for (var k = 0; k < revealed.Length; k++) revealed[k] = i - 1 - k >= 0 ? Events[i - 1 - k].Label!.Value : double.NaN;
        return new LearningExample(e.Id, e.Numeric, e.Categorical, e.Label!.Value, revealed, 1000 + i, Late: i % 3 == 0);
    }

    private static IEnumerable<LearningRecord> Examples(int from, int to) => Enumerable.Range(from, to - from).Select(Example);

    /// <summary>The records as a log read from <paramref name="firstOffset"/> on.</summary>
    private static List<(long Offset, byte[]? Value)> Log(IEnumerable<LearningRecord> records, long firstOffset = 0) =>
        records.Select((r, i) => (firstOffset + i, (byte[]?)LearningRecordCodec.Encode(r))).ToList();

    private static LearnerReplica Start(string spec, int duplicateWindow = 10_000, long startOffset = 0, string version = "v1") =>
        LearnerReplica.Start(version, OnlineLearnerSpec.Parse(spec), Schema, duplicateWindow, startOffset);

    private static LearnerReplica Fed(string spec, IEnumerable<LearningRecord> records, int duplicateWindow = 10_000)
    {
        var replica = Start(spec, duplicateWindow);
        replica.Apply(Log(records), 5_000);
        return replica;
    }

    /// <summary>The parts of a checkpoint, read by its documented layout (not by the replica's own reader).</summary>
    private sealed record Parts(ushort Format, long Start, long Position, long Updates, long Duplicates, long Resets, long Unreadable,
        double[] Revealed, byte[] Window, byte[] Model, byte[] Hash, byte[] Content);

    private static Parts Read(byte[] checkpoint)
    {
        Assert.Equal("SMCK"u8.ToArray(), checkpoint[..4]);
        var content = checkpoint[..^32];
        using var reader = new BinaryReader(new MemoryStream(content[4..]));
        var format = reader.ReadUInt16();
        var (start, position, updates, duplicates, resets, unreadable) =
            (reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
        var revealed = new double[reader.ReadInt32()];
        for (var i = 0; i < revealed.Length; i++) revealed[i] = reader.ReadDouble();
        var windowAt = reader.BaseStream.Position;
        var capacity = reader.ReadInt32();
        var count = reader.ReadInt32();
        reader.ReadBytes(8 * count);
        var window = content[(4 + (int)windowAt)..(4 + (int)reader.BaseStream.Position)];
        Assert.True(count <= capacity);
        var model = reader.ReadBytes(reader.ReadInt32());
        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
        return new Parts(format, start, position, updates, duplicates, resets, unreadable, revealed, window, model, checkpoint[^32..], content);
    }

    private static byte[] ModelBytes(LearnerReplica replica) => Read(replica.Checkpoint().Bytes).Model;

    private static long[] ScoreBits(LearnerReplica replica, int from, int to) =>
        replica.Score(Events[from..to], 10_000).Scores.Select(s => BitConverter.DoubleToInt64Bits(s.Score)).ToArray();

    [Theory]
    [MemberData(nameof(Learners))]
    public void Two_replicas_fed_the_same_records_end_with_byte_identical_checkpoints(string spec)
    {
        var one = Fed(spec, Examples(0, 1000));
        var two = Fed(spec, Examples(0, 1000));
        var initial = Start(spec).Checkpoint();

        var a = one.Checkpoint();
        var b = two.Checkpoint();

        Assert.Equal(a.Bytes, b.Bytes);
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(a.Bytes)), a.Sha256);
        Assert.NotEqual(initial.Sha256, a.Sha256);
        Assert.NotEqual(a.Sha256, Fed(spec, Examples(0, 999)).Checkpoint().Sha256);
        Assert.Equal(ScoreBits(one, 1000, 1200), ScoreBits(two, 1000, 1200));
    }

    [Fact]
    public void Another_seed_gives_another_checkpoint()
    {
        var seven = Fed("leveraging-bagging:seed=7", Examples(0, 500));
        var eight = Fed("leveraging-bagging:seed=8", Examples(0, 500));

        Assert.NotEqual(ModelBytes(seven), ModelBytes(eight));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void A_checkpoint_holds_the_documented_layout_and_its_own_sha256(string spec)
    {
        var log = Log(Examples(0, 300).Append(new LearnerReset("v1", "drift", 0)).Concat(Examples(0, 10)).Append(new LearnerReset("v9", "other", 0)), 40);
        log.Add((log[^1].Offset + 1, [0xFF]));
        var replica = Start(spec, duplicateWindow: 500, startOffset: 40);
        replica.Apply(log, 5_000);

        var checkpoint = replica.Checkpoint();
        var parts = Read(checkpoint.Bytes);

        Assert.Equal(SHA256.HashData(parts.Content), parts.Hash);
        // 300 examples learnt, a reset of v1, 10 repeated ids, a reset of another version and one unreadable record: 313 records from offset 40.
        Assert.Equal(((ushort)1, 40L, 353L, 300L, 10L, 1L, 1L), (parts.Format, parts.Start, parts.Position, parts.Updates, parts.Duplicates, parts.Resets, parts.Unreadable));
        Assert.Equal((40L, 353L, 300L, 10L, 1L), (checkpoint.StartOffset, checkpoint.Position, checkpoint.Updates, checkpoint.Duplicates, checkpoint.Resets));
        var history = OnlineLearnerSpec.Parse(spec).LabelHistory;
        Assert.Equal(Enumerable.Range(0, history).Select(k => Events[299 - k].Label!.Value), parts.Revealed);
        Assert.Equal(BitConverter.GetBytes(500).Concat(BitConverter.GetBytes(300)), parts.Window[..8]);
        var parsed = OnlineLearnerSpec.Parse(spec);
        var model = OnlineModel.Load(parts.Model, Schema);
        Assert.Equal((parsed.Learner, parsed.Seed, parsed.LabelHistory), (model.Spec.Learner, model.Spec.Seed, model.Spec.LabelHistory));
        Assert.Equal(0, model.Updates); // the reset gave a fresh learner, and the examples after it were all repeats
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void A_replica_restored_from_a_checkpoint_and_fed_the_rest_ends_as_one_that_never_stopped(string spec)
    {
        var log = Log(Examples(0, 1000));
        var uninterrupted = Start(spec);
        uninterrupted.Apply(log, 5_000);

        var first = Start(spec);
        first.Apply(log[..600], 5_000);
        var checkpoint = first.Checkpoint();
        var restored = LearnerReplica.Restore(checkpoint.Bytes, "v1", Schema);

        Assert.Equal(checkpoint.Bytes, restored.Checkpoint().Bytes);
        Assert.Equal((600L, 600L), (restored.Position, restored.Updates));
        restored.Apply(log, 6_000); // the whole log again: what was applied already is skipped

        Assert.Equal(uninterrupted.Checkpoint().Sha256, restored.Checkpoint().Sha256);
        Assert.Equal((1000L, 1000L, 0L), (restored.Position, restored.Updates, restored.Duplicates));
        Assert.Equal(ScoreBits(uninterrupted, 1000, 1200), ScoreBits(restored, 1000, 1200));
        Assert.Equal(uninterrupted.RevealedLabelsNow(), restored.RevealedLabelsNow());
    }

    private static readonly Lazy<List<(long, byte[]?)>> LongLog = new(() =>
    {
        var decoder = new EventDecoder(Elec);
        var events = ElecEvents.Read(0, 12_000, withLabels: true).Select(e => decoder.Decode(ElecEvents.Json(e)).Event!).ToArray();
        // Every 10th example comes again a little later, as a replay after a crash would put it in the log.
        var records = new List<LearningRecord>();
        for (var i = 0; i < events.Length; i++)
        {
            records.Add(new LearningExample(events[i].Id, events[i].Numeric, events[i].Categorical, events[i].Label!.Value, [], 1000 + i, Late: false));
            if (i % 10 == 9) records.Add(records[^5]);
        }
        return Log(records);
    });

    [Theory]
    [InlineData("hoeffding-tree:seed=7", 549)]
    [InlineData("hoeffding-tree:seed=7", 7_777)]
    [InlineData("leveraging-bagging:labelHistory=1:seed=7", 3_001)]
    public void A_checkpoint_anywhere_in_a_long_stream_with_duplicates_restores_to_the_uninterrupted_state(string spec, int at)
    {
        var log = LongLog.Value;
        var uninterrupted = Start(spec);
        foreach (var chunk in log.Chunk(500)) uninterrupted.Apply(chunk, 5_000);
        var first = Start(spec);
        first.Apply(log[..at], 5_000);
        var restored = LearnerReplica.Restore(first.Checkpoint().Bytes, "v1", Schema);
        foreach (var chunk in log.Skip(at).Chunk(333)) restored.Apply(chunk, 6_000);

        Assert.Equal((uninterrupted.Updates, uninterrupted.Duplicates), (restored.Updates, restored.Duplicates));
        Assert.Equal(uninterrupted.Checkpoint().Sha256, restored.Checkpoint().Sha256);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Scoring_between_updates_leaves_the_state_as_it_is(string spec)
    {
        var log = Log(Examples(0, 1000));
        var quiet = Start(spec);
        var busy = Start(spec);
        foreach (var (chunk, i) in log.Chunk(50).Select((c, i) => (c, i)))
        {
            quiet.Apply(chunk, 5_000);
            busy.Apply(chunk, 5_000);
            busy.Score(Events[(i * 7 % 1000)..(i * 7 % 1000 + 150)], 5_000);
            busy.Explain(Events[1000 + i]);
        }
        Assert.Equal(quiet.Checkpoint().Sha256, busy.Checkpoint().Sha256);
    }

    [Fact]
    public void Records_before_the_version_starts_are_not_applied()
    {
        var log = Log(Examples(0, 400));
        var late = Start("hoeffding-tree", startOffset: 150);
        late.Apply(log, 5_000);
        var fromThere = Start("hoeffding-tree", startOffset: 150);
        fromThere.Apply(log[150..], 5_000);

        Assert.Equal((150L, 400L, 250L), (late.StartOffset, late.Position, late.Updates));
        Assert.Equal(fromThere.Checkpoint().Bytes, late.Checkpoint().Bytes);
        Assert.Equal(150L, LearnerReplica.Restore(late.Checkpoint().Bytes, "v1", Schema).StartOffset);
    }

    [Fact]
    public void A_repeated_event_id_is_learnt_once()
    {
        // Events 50..99 come again (a replay after a crash) between 200 and 300.
        var replayed = Fed("hoeffding-tree", Examples(0, 200).Concat(Examples(50, 100)).Concat(Examples(200, 300)));
        var once = Fed("hoeffding-tree", Examples(0, 300));

        Assert.Equal((300L, 50L), (replayed.Updates, replayed.Duplicates));
        Assert.Equal((300L, 0L), (once.Updates, once.Duplicates));
        Assert.Equal(ModelBytes(once), ModelBytes(replayed));
        Assert.Equal(ScoreBits(once, 1000, 1200), ScoreBits(replayed, 1000, 1200));
    }

    [Fact]
    public void A_repeated_id_older_than_the_duplicate_window_is_learnt_again()
    {
        var replica = Fed("naive-bayes", Examples(0, 200), duplicateWindow: 100);

        // The window holds events 100..199: event 100 is its oldest id, event 99 the newest one forgotten.
        replica.Apply(Log([Example(100), Example(99)], 200), 5_000);

        Assert.Equal((201L, 1L), (replica.Updates, replica.Duplicates));
        Assert.NotEqual(ModelBytes(Fed("naive-bayes", Examples(0, 200), duplicateWindow: 100)), ModelBytes(replica));
    }

    [Theory]
    [InlineData("hoeffding-tree")]
    [InlineData("leveraging-bagging:labelHistory=1:seed=7")]
    public void A_reset_starts_the_learner_afresh_with_the_same_seed(string spec)
    {
        var reset = Fed(spec, Examples(0, 300).Append(new LearnerReset("v1", "drift", 0)).Concat(Examples(300, 600)));
        var fresh = Fed(spec, Examples(300, 600));
        var otherSeed = Fed(spec + ":seed=99", Examples(300, 600));
        var notReset = Fed(spec, Examples(0, 600));

        Assert.Equal((1L, 600L), (reset.Resets, reset.Updates));
        Assert.Equal(ModelBytes(fresh), ModelBytes(reset));
        Assert.Equal(ScoreBits(fresh, 1000, 1200), ScoreBits(reset, 1000, 1200));
        Assert.NotEqual(ModelBytes(notReset), ModelBytes(reset));
        if (spec.StartsWith("leveraging-bagging", StringComparison.Ordinal)) Assert.NotEqual(ModelBytes(otherSeed), ModelBytes(reset));
    }

    [Fact]
    public void A_reset_of_another_version_is_ignored()
    {
        var replica = Fed("hoeffding-tree", Examples(0, 300).Append(new LearnerReset("v2", "drift", 0)).Concat(Examples(300, 600)));

        Assert.Equal((0L, 600L, 0L), (replica.Resets, replica.Updates, replica.Unreadable));
        Assert.Equal(ModelBytes(Fed("hoeffding-tree", Examples(0, 600))), ModelBytes(replica));
    }

    [Fact]
    public void A_reset_keeps_the_duplicate_window_so_a_replay_from_before_it_is_not_learnt()
    {
        var replica = Fed("hoeffding-tree", Examples(0, 300).Append(new LearnerReset("v1", "drift", 0)).Concat(Examples(250, 300)));

        Assert.Equal((1L, 300L, 50L), (replica.Resets, replica.Updates, replica.Duplicates));
        Assert.Equal(ModelBytes(Start("hoeffding-tree")), ModelBytes(replica));
    }

    [Fact]
    public void Updates_count_the_distinct_labelled_examples_and_everything_else_is_counted_apart()
    {
        var records = new List<(long Offset, byte[]? Value)>();
        void Add(byte[]? value) => records.Add((records.Count, value));
        var encodedExample = LearningRecordCodec.Encode(Example(0));
        var learnt = new List<int>();
        for (var i = 0; i < 400; i++)
        {
            Add(LearningRecordCodec.Encode(Example(i)));
            learnt.Add(i);
            if (i % 13 == 12) Add(LearningRecordCodec.Encode(Example(i - 5))); // 30 repeats within the window
        }
        Add(null);
        Add([]);
        Add([9, 9, 9]);
        Add(encodedExample[..^1]);
        Add([.. encodedExample, 0]);
        Add(LearningRecordCodec.Encode(Example(400) with { Id = "bad-label", Label = 0.5 }));
        Add(LearningRecordCodec.Encode(Example(401) with { Id = "no-features", Numeric = [] }));
        Add(LearningRecordCodec.Encode(Example(402) with { Id = "infinite", Numeric = [.. Example(402).Numeric[..^1], double.PositiveInfinity] }));
        Add(LearningRecordCodec.Encode(new LearnerReset("v2", "drift", 0)));
        var replica = Start("hoeffding-tree");

        var delays = replica.Apply(records, 5_000);
        replica.Apply(records, 6_000); // read again: nothing is applied twice

        Assert.Equal(400 + 30 + 9, records.Count);
        Assert.Equal((400L, 30L, 8L, 0L), (replica.Updates, replica.Duplicates, replica.Unreadable, replica.Resets));
        Assert.Equal(records.Count, replica.Position);
        // One delay per example learnt: 5,000 − (1,000 + i) ms.
        Assert.Equal(learnt.Select(i => 4_000L - i), delays);
        Assert.Equal(ModelBytes(Fed("hoeffding-tree", Examples(0, 400))), ModelBytes(replica));
    }

    [Fact]
    public void A_label_that_arrives_after_now_is_learnt_with_no_delay()
    {
        var replica = Start("naive-bayes");

        var delays = replica.Apply(Log([Example(0), Example(1)]), 1_000); // arrived at 1,000 and 1,001

        Assert.Equal([0L, 0L], delays);
    }

    [Fact]
    public void A_binary_answer_names_the_updates_lag_and_revealed_labels()
    {
        var replica = Start("logistic-sgd:labelHistory=2");
        var log = Log(Examples(0, 10));
        replica.Apply(log[..5], 1_000);
        replica.ObserveLogEnd(10, 1_200);

        var behind = replica.Score(Events[20..25], 1_700);

        Assert.Equal((5L, 5L, 700L), (behind.Updates, behind.LabelsBehind, behind.MsBehind));
        Assert.Equal([Events[4].Label!.Value, Events[3].Label!.Value], behind.RevealedLabels);
        Assert.All(behind.Scores, s => Assert.Equal((s.Score, s.Score >= 0.5), (s.Probability!.Value, s.PredictedLabel!.Value)));
        Assert.Equal(new FreshnessSummary(5, 5, 5, 700, 700), replica.Freshness.Summary());

        replica.Apply(log[5..], 1_800);
        var caughtUp = replica.Score(Events[20..25], 1_900);

        Assert.Equal((10L, 0L, 0L), (caughtUp.Updates, caughtUp.LabelsBehind, caughtUp.MsBehind));
        Assert.Equal(new FreshnessSummary(10, 0, 5, 0, 700), replica.Freshness.Summary());
    }

    [Fact]
    public void Every_damaged_byte_or_truncation_of_a_checkpoint_is_refused()
    {
        var replica = Fed("hoeffding-tree:gracePeriod=50", Examples(0, 300), duplicateWindow: 64);
        var bytes = replica.Checkpoint().Bytes;

        for (var i = 0; i < bytes.Length; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= (byte)(1 << (i % 8));
            var e = Assert.Throws<LearnerStateException>(() => LearnerReplica.Restore(damaged, "v1", Schema));
            Assert.Contains(i < 4 ? "does not start with \"SMCK\"" : "SHA-256 does not match", e.Message);
        }
        for (var length = 0; length < bytes.Length; length += 7)
            Assert.Throws<LearnerStateException>(() => LearnerReplica.Restore(bytes.AsSpan(0, length), "v1", Schema));
        Assert.Throws<LearnerStateException>(() => LearnerReplica.Restore(bytes.AsSpan(0, bytes.Length - 1), "v1", Schema));
    }

    [Fact]
    public void A_checkpoint_whose_hash_was_recomputed_over_bad_content_is_still_refused()
    {
        var replica = Fed("hoeffding-tree", Examples(0, 300));
        var parts = Read(replica.Checkpoint().Bytes);
        var modelAt = parts.Content.Length - parts.Model.Length;

        var otherFormat = (byte[])parts.Content.Clone();
        otherFormat[4] = 2;
        var damagedModel = (byte[])parts.Content.Clone();
        damagedModel[modelAt + 40] ^= 1;
        byte[] trailing = [.. parts.Content[..modelAt], .. parts.Model, 0];
        byte[] shortened = [.. parts.Content[..(modelAt - 4)], .. BitConverter.GetBytes(parts.Model.Length - 1), .. parts.Model[..^1]];

        Assert.Contains("checkpoint format 2; this build reads format 1", Refusal(otherFormat));
        Assert.Contains("the learner state's SHA-256 does not match its content", Refusal(damagedModel));
        Assert.Contains("1 bytes follow the checkpoint", Refusal(trailing));
        Assert.Contains("learner state", Refusal(shortened));

        static string Refusal(byte[] content) => Assert.Throws<LearnerStateException>(
            () => LearnerReplica.Restore([.. content, .. SHA256.HashData(content)], "v1", Schema)).Message;
    }

    [Fact]
    public void A_checkpoint_for_other_features_is_refused()
    {
        var checkpoint = Fed("naive-bayes", Examples(0, 100)).Checkpoint();
        var other = new LearnerSchema(Schema.NumericFeatures.Skip(1).ToArray(), [], LabelKind.Binary);

        var e = Assert.Throws<LearnerStateException>(() => LearnerReplica.Restore(checkpoint.Bytes, "v1", other));

        Assert.Contains("other features or another label", e.Message);
    }

    [Fact]
    public void A_restored_replica_learns_under_the_name_it_is_given()
    {
        var checkpoint = Start("hoeffding-tree").Checkpoint();
        var replica = LearnerReplica.Restore(checkpoint.Bytes, "v7", Schema);

        replica.Apply(Log([new LearnerReset("v1", "drift", 0), new LearnerReset("v7", "drift", 0)]), 5_000);

        Assert.Equal(("v7", 1L), (replica.Version, replica.Resets));
        Assert.Equal(Encoding.ASCII.GetBytes("SMCK"), checkpoint.Bytes[..4]);
    }
}
