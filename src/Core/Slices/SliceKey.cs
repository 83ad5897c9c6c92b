namespace StreamMl.Core.Slices;

/// <summary>Slice keys: the global slice <c>*</c>, or <c>column=value[,column=value]</c>.</summary>
public static class SliceKey
{
    public const string Global = "*";

    /// <summary>A slice key is short, printable and has no '/' so it can travel in a URL segment.</summary>
    public static bool IsValid(string key) =>
        key.Length is > 0 and <= 256 && !key.Contains('/') && key.All(c => !char.IsControl(c));
}
