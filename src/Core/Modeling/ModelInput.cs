namespace StreamMl.Core.Modeling;

/// <summary>One row as ML.NET sees it; <see cref="ModelSchema"/> sets the vector sizes and picks the label field.</summary>
public sealed class ModelInput
{
    public const string NumericColumn = "Numeric";
    public const string CategoricalColumn = "Categorical";
    public const string LabelColumn = "Label";

    /// <summary>Numeric features in spec order; NaN where missing.</summary>
    public float[] Numeric = [];

    /// <summary>Categorical features in spec order; empty where missing (ML.NET reads empty text as missing).</summary>
    public string[] Categorical = [];

    /// <summary>The label of a binary spec; exposed to ML.NET as "Label".</summary>
    public bool BinaryLabel;

    /// <summary>The label of a numeric spec; exposed to ML.NET as "Label".</summary>
    public float NumericLabel;
}
