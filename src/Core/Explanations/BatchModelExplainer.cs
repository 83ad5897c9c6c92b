using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Explanations;

/// <summary>Explains an ML.NET model's predictions: weight × featurised value for linear models, TreeSHAP for tree ensembles.</summary>
/// <remarks>
/// <para>
/// Each event goes through the model once, with a pooled prediction engine that returns the Features vector
/// (what the featurisation made of the event) beside the score, so the contributions are of exactly what was
/// scored. Contributions of the slots of one feature (the one-hot slots of a category) are summed into it; for
/// trees the slots of a category are one player of the game from the start (see <see cref="ShapTree"/>).
/// </para>
/// <para>
/// The output is the model's Score column: log-odds for logistic regression (its probability is σ(score)), the
/// uncalibrated score for a boosted-tree binary model (its probability is a Platt calibration of it), the value for
/// a numeric label. Built once per model (see <see cref="For"/>) and safe to use from several threads.
/// </para>
/// </remarks>
internal sealed class BatchModelExplainer
{
    private static readonly ConditionalWeakTable<TrainedModel, BatchModelExplainer> Cache = [];

    private readonly TrainedModel _model;
    private readonly FeaturePlayers _players;
    private readonly int[] _slotPlayers;
    private readonly (float[] Weights, float Bias)? _linear;
    private readonly MlNetTrees? _trees;
    private readonly string _output;
    private readonly ConcurrentBag<Engine> _engines = [];

    private BatchModelExplainer(TrainedModel model)
    {
        _model = model;
        _players = new FeaturePlayers(model.Schema.NumericNames, model.Schema.CategoricalNames);
        _slotPlayers = FeatureSlots.Map(model);
        _linear = MlNetPredictor.Linear(model.Transformer);
        if (_linear is { } linear && linear.Weights.Length != _slotPlayers.Length)
            throw new ExplanationException($"the model has {linear.Weights.Length} weights for {_slotPlayers.Length} feature slots");
        if (_linear is null)
        {
            var ensemble = MlNetPredictor.Trees(model.Transformer)
                ?? throw new ExplanationException($"the model's predictor ({MlNetPredictor.Parameters(model.Transformer)?.GetType().Name ?? "none"}) is neither linear nor a tree ensemble");
            _trees = MlNetTrees.Of(ensemble, model.TreeCovers, _slotPlayers);
        }
        _output = !model.Schema.IsBinary ? ExplanationOutputs.Value : _linear is not null ? ExplanationOutputs.LogOdds : ExplanationOutputs.Score;
    }

    /// <summary>The explainer of a model, made on first use and kept as long as the model is.</summary>
    /// <exception cref="ExplanationException">The model cannot be explained; the message says why.</exception>
    public static BatchModelExplainer For(TrainedModel model) => Cache.GetValue(model, m => new BatchModelExplainer(m));

    /// <summary>The base value: the bias of a linear model, the expected score over the training data of a tree ensemble.</summary>
    public double BaseValue => _linear is { } linear ? linear.Bias : _trees!.ExpectedValue;

    public Explanation Explain(ValidEvent e, string modelVersion)
    {
        var engine = _engines.TryTake(out var pooled) ? pooled : new Engine(_model);
        try
        {
            _model.Schema.Fill(e, engine.Input);
            engine.Predictor.Predict(engine.Input, ref engine.Output);
            var row = engine.Output;
            var phi = new double[_players.Count];
            Attribute(row.Features, phi);
            var score = _model.Schema.IsBinary ? new ModelScore(row.Score, row.Probability, row.PredictedLabel) : new ModelScore(row.Score, null, null);
            var header = new ExplanationHeader(e.Id, modelVersion, null, _linear is null ? ExplanationMethods.TreeShap : ExplanationMethods.Linear, _output, true);
            return _players.Explain(e.Numeric, e.Categorical, phi, header, BaseValue, score);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private void Attribute(float[] features, Span<double> phi)
    {
        if (_linear is { } linear)
        {
            for (var i = 0; i < features.Length; i++) phi[_slotPlayers[i]] += (double)linear.Weights[i] * features[i];
            return;
        }
        _trees!.Add(features, phi);
    }

    private sealed class Engine(TrainedModel model)
    {
        public readonly PredictionEngine<ModelInput, FeaturesRow> Predictor = model.Context.Model.CreatePredictionEngine<ModelInput, FeaturesRow>(
            model.Transformer, ignoreMissingColumns: true, model.Schema.Definition(), OutputDefinition(model.Schema.IsBinary));
        public readonly ModelInput Input = model.Schema.NewInput();
        public FeaturesRow Output = new();

        private static SchemaDefinition OutputDefinition(bool binary)
        {
            var definition = SchemaDefinition.Create(typeof(FeaturesRow));
            if (!binary)
            {
                definition.Remove(definition[nameof(FeaturesRow.Probability)]);
                definition.Remove(definition[nameof(FeaturesRow.PredictedLabel)]);
            }
            return definition;
        }
    }

    /// <summary>The columns an explanation reads from a prediction engine.</summary>
    private sealed class FeaturesRow
    {
        [VectorType]
        public float[] Features { get; set; } = [];
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }
}
