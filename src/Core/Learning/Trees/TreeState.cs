using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Learning.Bayes;

namespace StreamMl.Core.Learning.Trees;

/// <summary>Writes a tree depth-first, left before right, and reads it back with every count and index checked.</summary>
internal static class TreeState
{
    private const byte Leaf = 0, Split = 1;

    /// <summary>Deeper trees are taken for corrupt state rather than followed to a stack overflow.</summary>
    private const int MaxDepth = 500;

    public static void Save(BinaryWriter writer, TreeNode node)
    {
        writer.Write(node is LeafNode ? Leaf : Split);
        writer.Write(node.ErrorMonitor is not null);
        node.ErrorMonitor?.Save(writer);
        if (node is LeafNode leaf)
        {
            writer.Write(leaf.MajorityCorrect);
            writer.Write(leaf.BayesCorrect);
            writer.Write(leaf.WeightAtLastAttempt);
            leaf.Stats.Save(writer);
            return;
        }
        var split = (SplitNode)node;
        writer.Write(split.Attribute);
        writer.Write(split.Categorical);
        writer.Write(split.Threshold);
        writer.Write(split.Category);
        writer.Write(split.LeftWeight);
        writer.Write(split.RightWeight);
        writer.Write(split.Alternate is not null);
        if (split.Alternate is not null) Save(writer, split.Alternate);
        Save(writer, split.Left);
        Save(writer, split.Right);
    }

    /// <param name="newMonitor">Makes the ADWIN a saved monitor is loaded into; null when the tree has none.</param>
    public static TreeNode Load(BinaryReader reader, TreeGrowth growth, Func<Adwin>? newMonitor, int depth = 0)
    {
        if (depth > MaxDepth) throw new InvalidDataException($"tree deeper than {MaxDepth}");
        var kind = reader.ReadByte();
        if (kind is not (Leaf or Split)) throw new InvalidDataException($"tree node kind {kind}");
        Adwin? monitor = null;
        if (reader.ReadBoolean())
        {
            monitor = newMonitor?.Invoke() ?? throw new InvalidDataException("an error monitor in a tree that keeps none");
            monitor.Load(reader);
        }
        if (kind == Leaf)
        {
            var majority = StateFormat.Weight(reader.ReadDouble(), "leaf majority weight");
            var bayes = StateFormat.Weight(reader.ReadDouble(), "leaf naive Bayes weight");
            var attempt = StateFormat.Weight(reader.ReadDouble(), "leaf attempt weight");
            var stats = ClassStatistics.Load(reader, growth.Numeric, growth.Categorical);
            return new LeafNode(stats) { MajorityCorrect = majority, BayesCorrect = bayes, WeightAtLastAttempt = attempt, ErrorMonitor = monitor };
        }
        var attribute = reader.ReadInt32();
        var categorical = reader.ReadBoolean();
        if (attribute < 0 || attribute >= (categorical ? growth.Categorical : growth.Numeric))
            throw new InvalidDataException($"split on attribute {attribute}, which the tree does not have");
        var threshold = reader.ReadDouble();
        var category = reader.ReadInt32();
        var leftWeight = StateFormat.Weight(reader.ReadDouble(), "split weight");
        var rightWeight = StateFormat.Weight(reader.ReadDouble(), "split weight");
        var alternate = reader.ReadBoolean() ? Load(reader, growth, newMonitor, depth + 1) : null;
        var left = Load(reader, growth, newMonitor, depth + 1);
        var right = Load(reader, growth, newMonitor, depth + 1);
        var candidate = new SplitCandidate(0, attribute, categorical, threshold, category, 0, 0, 0, 0);
        return new SplitNode(candidate, left, right)
        {
            LeftWeight = leftWeight, RightWeight = rightWeight, Alternate = alternate, ErrorMonitor = monitor,
        };
    }

    public static long MemoryBytes(TreeNode node) => node switch
    {
        LeafNode leaf => leaf.MemoryBytes(),
        SplitNode split => 96 + (split.ErrorMonitor is null ? 0 : LeafNode.AdwinBytes)
            + MemoryBytes(split.Left) + MemoryBytes(split.Right) + (split.Alternate is null ? 0 : MemoryBytes(split.Alternate)),
        _ => 0,
    };

    /// <summary>Leaves and splits of the tree, alternates not counted.</summary>
    public static (int Leaves, int Splits) Size(TreeNode node) => node switch
    {
        SplitNode split => Add(Size(split.Left), Size(split.Right)),
        _ => (1, 0),
    };

    private static (int, int) Add((int Leaves, int Splits) a, (int Leaves, int Splits) b) => (a.Leaves + b.Leaves, a.Splits + b.Splits + 1);
}
