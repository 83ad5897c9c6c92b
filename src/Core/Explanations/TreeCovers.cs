using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Explanations;

/// <summary>How many training examples passed through each node of each tree of an ML.NET tree ensemble: the trees' "covers".</summary>
/// <remarks>
/// <para>
/// TreeSHAP weighs the branches of a split by the share of the training data that took each (see
/// <see cref="TreeShap"/>). LightGBM and XGBoost keep those counts in their models; ML.NET's trees keep only their
/// splits and leaf values, so <see cref="ModelTrainer"/> counts them once, routing the training examples' feature
/// vectors through every tree, and the artifact carries them as the zip entry <see cref="EntryName"/> (ML.NET's
/// loader ignores entries it does not know). A model saved before covers were counted has none and cannot be
/// explained by TreeSHAP until it is retrained.
/// </para>
/// <para>
/// Entry layout: the ASCII magic "SMTC", the format version (16 bits), the number of trees, then per tree the
/// number of nodes and one 32-bit count per node: split nodes 0..n−2 in ML.NET's numbering, then leaves 0..n−1.
/// Little-endian. The entry's timestamp is fixed so the bytes depend on the counts only.
/// </para>
/// </remarks>
internal sealed class TreeCovers
{
    public const string EntryName = "StreamMl/TreeCovers.bin";
    private const ushort FormatVersion = 1;
    private static readonly byte[] Magic = "SMTC"u8.ToArray();
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TreeCovers(int[][] counts) => Counts = counts;

    /// <summary>Per tree, per node (splits first, then leaves), the examples that passed through it.</summary>
    public int[][] Counts { get; }

    /// <summary>The covers of a fitted model's trees on the data it was fitted on; null when its predictor is not a tree ensemble.</summary>
    public static TreeCovers? Count(ITransformer transformer, IDataView data)
    {
        if (MlNetPredictor.Trees(transformer) is not { } ensemble || MlNetPredictor.HasCategoricalSplits(ensemble)) return null;
        var trees = ensemble.Trees;
        var counts = new int[trees.Count][];
        for (var t = 0; t < trees.Count; t++) counts[t] = new int[trees[t].NumberOfNodes + trees[t].NumberOfLeaves];
        var scored = transformer.Transform(data);
        using var cursor = scored.GetRowCursor([scored.Schema[ModelTrainer.FeaturesColumn]]);
        var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema[ModelTrainer.FeaturesColumn]);
        var features = default(VBuffer<float>);
        var dense = Array.Empty<float>();
        while (cursor.MoveNext())
        {
            getter(ref features);
            if (dense.Length != features.Length) dense = new float[features.Length];
            features.CopyTo(dense);
            for (var t = 0; t < trees.Count; t++) Route(trees[t], dense, counts[t]);
        }
        return new TreeCovers(counts);
    }

    private static void Route(RegressionTree tree, float[] x, int[] counts)
    {
        var splits = tree.NumberOfNodes;
        if (splits == 0)
        {
            counts[0]++;
            return;
        }
        var node = 0;
        while (node >= 0)
        {
            counts[node]++;
            node = x[tree.NumericalSplitFeatureIndexes[node]] <= tree.NumericalSplitThresholds[node] ? tree.LeftChild[node] : tree.RightChild[node];
        }
        counts[splits + ~node]++;
    }

    /// <summary>The zip with the covers added as <see cref="EntryName"/>.</summary>
    public byte[] AddTo(byte[] zip)
    {
        using var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.CreateEntry(EntryName, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var writer = new BinaryWriter(entry.Open(), Encoding.UTF8);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Counts.Length);
            foreach (var tree in Counts)
            {
                writer.Write(tree.Length);
                foreach (var c in tree) writer.Write(c);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The covers a model zip carries, or null when it has none.</summary>
    /// <exception cref="InvalidDataException">The entry is there but is not covers this build reads.</exception>
    public static TreeCovers? ReadFrom(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        var entry = archive.GetEntry(EntryName);
        if (entry is null) return null;
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("tree covers: bad magic");
            var version = reader.ReadUInt16();
            if (version != FormatVersion) throw new InvalidDataException($"tree covers: format {version}; this build reads {FormatVersion}");
            var counts = new int[Bounded(reader, buffer.Length)][];
            for (var t = 0; t < counts.Length; t++)
            {
                counts[t] = new int[Bounded(reader, buffer.Length)];
                for (var i = 0; i < counts[t].Length; i++) counts[t][i] = reader.ReadInt32();
            }
            if (buffer.Position != buffer.Length) throw new InvalidDataException("tree covers: bytes after the last tree");
            return new TreeCovers(counts);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("tree covers: truncated", e);
        }
    }

    private static int Bounded(BinaryReader reader, long length)
    {
        var n = reader.ReadInt32();
        if (n < 0 || n > length) throw new InvalidDataException($"tree covers: a count of {n} in {length} bytes");
        return n;
    }
}
