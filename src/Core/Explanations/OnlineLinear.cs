using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Linear;

namespace StreamMl.Core.Explanations;

/// <summary>Weight × standardised value for the online linear learners (SGD and FTRL logistic regression, SGD linear regression).</summary>
/// <remarks>
/// The learners score w·z + b over the inputs of <see cref="LinearEncoder"/>: z_j = (x_j − mean_j) / sd_j for a
/// numeric feature (0 when missing: it is then at its running mean), and a 1 in the hashed bucket of each
/// category. Feature j's contribution is w_j·z_j, a category's the weight of its bucket (0 when missing; two
/// values sharing a bucket share its weight). The base value is the intercept b, the output of an event at the
/// running mean of every numeric feature and with no category; it is the log-odds for the logistic learners,
/// the value for linear regression.
/// </remarks>
internal static class OnlineLinear
{
    /// <summary>Fills phi with the contributions and returns the base value (the intercept).</summary>
    public static double Attribute(IOnlineLearner learner, in LearnerInput input, Span<double> phi) => learner switch
    {
        LogisticRegressionSgd sgd => Sgd(sgd.Model, input, phi),
        LinearRegressionSgd sgd => Sgd(sgd.Model, input, phi),
        LogisticRegressionFtrl ftrl => Ftrl(ftrl, input, phi),
        _ => throw new ArgumentException($"{learner.GetType().Name} is not an online linear learner", nameof(learner)),
    };

    private static double Sgd(SgdModel model, in LearnerInput input, Span<double> phi)
    {
        Encode(model.Encoder, input, phi, model.WeightOf);
        return model.Intercept;
    }

    private static double Ftrl(LogisticRegressionFtrl ftrl, in LearnerInput input, Span<double> phi)
    {
        Encode(ftrl.Encoder, input, phi, ftrl.Weight);
        return ftrl.Weight(ftrl.InterceptInput);
    }

    /// <summary>The encoder lists its non-zero inputs; each numeric input is its feature's player, a bucket belongs to the category that set it.</summary>
    private static void Encode(LinearEncoder encoder, in LearnerInput input, Span<double> phi, Func<int, double> weight)
    {
        var x = input.Numeric;
        for (var j = 0; j < x.Length; j++)
        {
            var z = encoder.Scaler.Standardise(j, x[j]);
            if (z != 0) phi[j] += weight(j) * z;
        }
        var categories = input.Categorical;
        for (var j = 0; j < categories.Length; j++)
            if (categories[j] is { } v)
                phi[encoder.Numeric + j] += weight(encoder.Numeric + Learning.Features.FeatureHashing.Bucket(j, v, encoder.Buckets));
    }
}
