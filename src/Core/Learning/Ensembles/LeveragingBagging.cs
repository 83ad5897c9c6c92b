using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Learning.Features;
using StreamMl.Core.Learning.Trees;
using StreamMl.Core.Randomness;

namespace StreamMl.Core.Learning.Ensembles;

/// <summary>Leveraging Bagging for a binary label: Hoeffding trees bagged with Poisson(6) weights, the worst replaced when an error drifts.</summary>
/// <remarks>
/// <para>
/// Each member learns each example with weight w·k, k ~ Poisson(λ), λ = 6: a heavier resampling than online
/// bagging's Poisson(1), which leaves more diversity between members and uses every example more. After
/// learning, each member's 0/1 error on the example feeds its ADWIN. When some member's ADWIN detects a
/// change with its error going up, the member with the highest error estimate is replaced by a new tree
/// with a new ADWIN. The ensemble predicts the average of its members' probabilities. (The paper's output
/// codes serve multi-class labels only; a binary label needs none.)
/// </para>
/// <para>
/// Parameters and defaults (the paper, MOA's <c>LeveragingBag</c> and River's
/// <c>LeveragingBaggingClassifier</c> over <c>HoeffdingTreeClassifier</c>): <c>models</c> = 10, <c>lambda</c> = 6,
/// <c>adwinDelta</c> = 0.002, and for the trees the Hoeffding tree's defaults, <c>gracePeriod</c> = 200,
/// <c>delta</c> = 10⁻⁷, <c>tieThreshold</c> = 0.05, <c>splitPoints</c> = 10. Randomness comes from the seed only.
/// </para>
/// <para>
/// Reference: A. Bifet, G. Holmes, B. Pfahringer, "Leveraging bagging for evolving data streams",
/// ECML PKDD 2010, LNCS 6321, 135–150.
/// </para>
/// </remarks>
public sealed class LeveragingBagging : CodedLearner
{
    private readonly SeededRandom _random;
    private readonly TreeSettings _settings;
    private readonly ClassificationTree[] _trees;
    private readonly Adwin[] _monitors;

    public LeveragingBagging(LearnerSchema schema, LeveragingBaggingOptions? options = null, long seed = 1) : base(InputCheck.Binary(schema, "leveraging-bagging"))
    {
        Options = (options ?? new LeveragingBaggingOptions()).Validated();
        _settings = Options.Tree.Settings();
        _random = new SeededRandom(seed);
        _trees = new ClassificationTree[Options.Models];
        _monitors = new Adwin[Options.Models];
        for (var i = 0; i < _trees.Length; i++)
        {
            _trees[i] = NewTree();
            _monitors[i] = new Adwin(Options.AdwinDelta);
        }
    }

    public LeveragingBaggingOptions Options { get; }

    /// <summary>Members replaced after a drift since construction.</summary>
    public long Replacements { get; private set; }

    internal IReadOnlyList<ClassificationTree> Trees => _trees;

    public override long MemoryBytes
    {
        get
        {
            long bytes = 128 + Codes.MemoryBytes() + _trees.Length * LeafNode.AdwinBytes;
            foreach (var tree in _trees) bytes += tree.MemoryBytes();
            return bytes;
        }
    }

    protected override double PredictEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes)
    {
        double sum = 0;
        foreach (var tree in _trees) sum += tree.Predict(numeric, codes);
        return sum / _trees.Length;
    }

    protected override void LearnEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes, int label, double weight)
    {
        var x = numeric;
        var y = label;
        var changed = false;
        for (var i = 0; i < _trees.Length; i++)
        {
            var k = _random.Poisson(Options.Lambda);
            if (k > 0) _trees[i].Learn(x, codes, y, weight * k);
            var wrong = _trees[i].Predict(x, codes) >= 0.5 != (y == 1);
            var before = _monitors[i].Estimation;
            _monitors[i].Update(wrong ? 1 : 0);
            if (_monitors[i].DriftDetected && _monitors[i].Estimation > before) changed = true;
        }
        if (changed) ReplaceWorst();
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        writer.Write(Replacements);
        _random.Save(writer);
        for (var i = 0; i < _trees.Length; i++)
        {
            _monitors[i].Save(writer);
            _trees[i].Save(writer);
        }
    }

    protected override void ReadModel(BinaryReader reader)
    {
        Replacements = reader.ReadInt64();
        _random.Load(reader);
        for (var i = 0; i < _trees.Length; i++)
        {
            _monitors[i].Load(reader);
            _trees[i] = NewTree();
            _trees[i].Load(reader);
        }
    }

    private void ReplaceWorst()
    {
        var worst = 0;
        for (var i = 1; i < _monitors.Length; i++)
            if (_monitors[i].Estimation > _monitors[worst].Estimation) worst = i;
        _trees[worst] = NewTree();
        _monitors[worst].Reset();
        Replacements++;
    }

    private ClassificationTree NewTree() => new(_settings, Schema.NumericFeatures.Count, Schema.CategoricalFeatures.Count);
}

/// <summary>Settings of <see cref="LeveragingBagging"/>; the defaults are the paper's.</summary>
public sealed record LeveragingBaggingOptions
{
    /// <summary>Members of the ensemble. Default 10.</summary>
    public int Models { get; init; } = 10;

    /// <summary>λ of the Poisson weights. Default 6.</summary>
    public double Lambda { get; init; } = 6;

    /// <summary>δ of each member's ADWIN. Default 0.002.</summary>
    public double AdwinDelta { get; init; } = 0.002;

    /// <summary>How each member grows. Default: the Hoeffding tree's defaults.</summary>
    public HoeffdingTreeOptions Tree { get; init; } = new();

    internal static LeveragingBaggingOptions Read(HyperParameterReader p)
    {
        var d = new LeveragingBaggingOptions();
        return new LeveragingBaggingOptions
        {
            Models = p.Integer("models", d.Models),
            Lambda = p.Real("lambda", d.Lambda),
            AdwinDelta = p.Real("adwinDelta", d.AdwinDelta),
            Tree = HoeffdingTreeOptions.Read(p),
        };
    }

    internal LeveragingBaggingOptions Validated()
    {
        Guard.AtLeast(Models, 1, "models");
        if (Models > 1000) throw new ArgumentOutOfRangeException("models", Models, "models must be at most 1000.");
        Guard.Positive(Lambda, "lambda");
        if (Lambda > 100) throw new ArgumentOutOfRangeException("lambda", Lambda, "lambda must be at most 100.");
        Guard.Probability(AdwinDelta, "adwinDelta");
        ArgumentNullException.ThrowIfNull(Tree, "tree");
        Tree.Validated();
        return this;
    }
}
