namespace StreamMl.Core.Learning.Trees;

/// <summary>What a tree splits on, by feature name: for tests and for explaining a model.</summary>
internal static class TreeFeatures
{
    public static IReadOnlyList<string> SplitOn(TreeNode root, LearnerSchema schema)
    {
        var names = new List<string>();
        Walk(root, schema, names);
        return names;
    }

    private static void Walk(TreeNode node, LearnerSchema schema, List<string> names)
    {
        if (node is not SplitNode split) return;
        var name = split.Categorical ? schema.CategoricalFeatures[split.Attribute] : schema.NumericFeatures[split.Attribute];
        if (!names.Contains(name)) names.Add(name);
        Walk(split.Left, schema, names);
        Walk(split.Right, schema, names);
    }
}
