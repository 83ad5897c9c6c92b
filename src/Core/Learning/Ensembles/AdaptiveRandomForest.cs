using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Learning.Features;
using StreamMl.Core.Learning.Trees;
using StreamMl.Core.Randomness;

namespace StreamMl.Core.Learning.Ensembles;

/// <summary>Adaptive Random Forest for a binary label: online bagging of random-subspace Hoeffding trees, each replaced when its error drifts.</summary>
/// <remarks>
/// <para>
/// Each tree learns each example with weight w·k, k ~ Poisson(λ) (online bagging with λ = 6 rather than 1,
/// so that trees see more of the stream), and each new leaf of a tree observes a random subset of m of the
/// features (m = round(√M) of M by default). Before learning an example, each tree's prediction is scored:
/// its 0/1 error feeds a warning ADWIN and a drift ADWIN. A warning starts a background tree that learns
/// alongside; a drift replaces the tree by its background tree (or a new tree when there is none) and
/// resets its detectors and its accuracy. The forest predicts the average of its trees' probabilities,
/// each weighted by that tree's accuracy since it was made (a forest of trees not yet scored averages them).
/// </para>
/// <para>
/// Parameters and defaults (the paper, MOA and River's <c>ARFClassifier</c>): <c>trees</c> = 10,
/// <c>lambda</c> = 6, <c>maxFeatures</c> = 0 (round(√M)), <c>warningDelta</c> = 0.01, <c>driftDelta</c> = 0.001,
/// and for the trees <c>gracePeriod</c> = 50, <c>delta</c> = 0.01, <c>tieThreshold</c> = 0.05,
/// <c>splitPoints</c> = 10, naive-Bayes-adaptive leaves. Randomness comes from the seed only.
/// </para>
/// <para>
/// Reference: H. M. Gomes, A. Bifet, J. Read, J. P. Barddal, F. Enembreck, B. Pfahringer, G. Holmes,
/// T. Abdessalem, "Adaptive random forests for evolving data stream classification", Machine Learning
/// 106(9–10), 2017, 1469–1495.
/// </para>
/// </remarks>
public sealed class AdaptiveRandomForest : CodedLearner
{
    private readonly SeededRandom _random;
    private readonly TreeSettings _settings;
    private readonly Member[] _members;

    public AdaptiveRandomForest(LearnerSchema schema, AdaptiveRandomForestOptions? options = null, long seed = 1) : base(InputCheck.Binary(schema, "adaptive-random-forest"))
    {
        Options = (options ?? new AdaptiveRandomForestOptions()).Validated();
        var m = schema.FeatureCount;
        LeafFeatures = Options.MaxFeatures > 0 ? Math.Min(Options.MaxFeatures, m) : Math.Max(1, (int)Math.Round(Math.Sqrt(m)));
        _settings = Options.Tree.Settings(LeafFeatures);
        _random = new SeededRandom(seed);
        _members = new Member[Options.Trees];
        for (var i = 0; i < _members.Length; i++)
            _members[i] = new Member(NewTree(), new Adwin(Options.WarningDelta), new Adwin(Options.DriftDelta));
    }

    public AdaptiveRandomForestOptions Options { get; }

    /// <summary>Features each new leaf observes.</summary>
    public int LeafFeatures { get; }


    /// <summary>Trees replaced after a drift since construction.</summary>
    public long Drifts { get; private set; }

    /// <summary>Background trees started after a warning since construction.</summary>
    public long Warnings { get; private set; }


    /// <summary>Each tree and its share of the vote, as <see cref="Predict"/> weighs them: accuracy since it was made, or equal shares while no tree has any.</summary>
    internal (ClassificationTree Tree, double Share)[] Votes()
    {
        double total = 0;
        foreach (var member in _members) total += member.Seen > 0 ? member.Correct / member.Seen : 0;
        var votes = new (ClassificationTree, double)[_members.Length];
        for (var i = 0; i < votes.Length; i++)
        {
            var m = _members[i];
            var accuracy = m.Seen > 0 ? m.Correct / m.Seen : 0;
            votes[i] = (m.Tree, total > 0 ? accuracy / total : 1.0 / _members.Length);
        }
        return votes;
    }

    public override long MemoryBytes
    {
        get
        {
            long bytes = 128 + Codes.MemoryBytes();
            foreach (var member in _members)
                bytes += 64 + 2 * LeafNode.AdwinBytes + member.Tree.MemoryBytes() + (member.Background?.MemoryBytes() ?? 0);
            return bytes;
        }
    }

    protected override double PredictEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes)
    {
        double weighted = 0, weights = 0, plain = 0;
        foreach (var member in _members)
        {
            var p = member.Tree.Predict(numeric, codes);
            var accuracy = member.Seen > 0 ? member.Correct / member.Seen : 0;
            weighted += accuracy * p;
            weights += accuracy;
            plain += p;
        }
        return weights > 0 ? weighted / weights : plain / _members.Length;
    }

    protected override void LearnEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes, int label, double weight)
    {
        var x = numeric;
        var y = label;
        foreach (var member in _members)
        {
            var wrong = member.Tree.Predict(x, codes) >= 0.5 != (y == 1);
            member.Seen += weight;
            if (!wrong) member.Correct += weight;
            var k = _random.Poisson(Options.Lambda);
            if (k > 0)
            {
                member.Background?.Learn(x, codes, y, weight * k);
                member.Tree.Learn(x, codes, y, weight * k);
            }
            member.Warning.Update(wrong ? 1 : 0);
            if (member.Warning.DriftDetected)
            {
                member.Background = NewTree();
                member.Warning.Reset();
                Warnings++;
            }
            member.Drift.Update(wrong ? 1 : 0);
            if (member.Drift.DriftDetected)
            {
                member.Tree = member.Background ?? NewTree();
                member.Background = null;
                member.Warning.Reset();
                member.Drift.Reset();
                member.Correct = member.Seen = 0;
                Drifts++;
            }
        }
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        writer.Write(Drifts);
        writer.Write(Warnings);
        _random.Save(writer);
        foreach (var member in _members)
        {
            writer.Write(member.Correct);
            writer.Write(member.Seen);
            member.Warning.Save(writer);
            member.Drift.Save(writer);
            member.Tree.Save(writer);
            writer.Write(member.Background is not null);
            member.Background?.Save(writer);
        }
    }

    protected override void ReadModel(BinaryReader reader)
    {
        Drifts = reader.ReadInt64();
        Warnings = reader.ReadInt64();
        _random.Load(reader);
        foreach (var member in _members)
        {
            member.Correct = StateFormat.Weight(reader.ReadDouble(), "tree accuracy");
            member.Seen = StateFormat.Weight(reader.ReadDouble(), "tree accuracy");
            member.Warning.Load(reader);
            member.Drift.Load(reader);
            member.Tree = LoadTree(reader);
            member.Background = reader.ReadBoolean() ? LoadTree(reader) : null;
        }
    }

    // Each tree draws its leaves' features from its own source, seeded from the forest's: trees made in the
    // same order get the same sources, whatever the other trees draw later.
    private ClassificationTree NewTree() =>
        new(_settings, Schema.NumericFeatures.Count, Schema.CategoricalFeatures.Count, new SeededRandom(unchecked((long)_random.NextUInt64())));

    private ClassificationTree LoadTree(BinaryReader reader)
    {
        var tree = new ClassificationTree(_settings, Schema.NumericFeatures.Count, Schema.CategoricalFeatures.Count, new SeededRandom(0));
        tree.Load(reader);
        return tree;
    }

    private sealed class Member(ClassificationTree tree, Adwin warning, Adwin drift)
    {
        public ClassificationTree Tree { get; set; } = tree;
        public ClassificationTree? Background { get; set; }
        public Adwin Warning { get; } = warning;
        public Adwin Drift { get; } = drift;
        public double Correct { get; set; }
        public double Seen { get; set; }
    }
}
