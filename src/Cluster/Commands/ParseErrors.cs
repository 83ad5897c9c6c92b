using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace StreamMl.Cluster.Commands;

/// <summary>Turns the parser's errors into the one line a user needs: the option and what is wrong with it.</summary>
public static class ParseErrors
{
    /// <summary>A line naming the first error's option (or verb) and the problem.</summary>
    public static string Describe(ParseResult result)
    {
        var error = result.Errors[0];
        var option = OptionOf(error.SymbolResult);
        if (option is not null && error.SymbolResult?.Tokens is { Count: > 0 } tokens && Unparsable(tokens[^1].Value, option.ValueType) is { } kind)
            return $"{option.Name}: '{tokens[^1].Value}' is not {kind}";
        if (option is not null) return $"{option.Name}: {error.Message}";
        var unmatched = result.UnmatchedTokens;
        if (unmatched.Count > 0)
            return unmatched[0].StartsWith('-') ? $"{unmatched[0]}: unknown option" : $"'{unmatched[0]}': unexpected argument";
        if (result.CommandResult.Command is RootCommand)
            return "a verb is required: " + string.Join(", ", result.RootCommandResult.Command.Subcommands.Select(c => c.Name)) + " (streamml --help)";
        return error.Message;
    }

    private static Option? OptionOf(SymbolResult? symbol) => symbol switch
    {
        OptionResult o => o.Option,
        ArgumentResult { Parent: OptionResult o } => o.Option,
        _ => null,
    };

    /// <summary>What the value should have been when it does not parse as the option's type; null when it does.</summary>
    private static string? Unparsable(string value, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var invariant = CultureInfo.InvariantCulture;
        if (type == typeof(int)) return int.TryParse(value, NumberStyles.Integer, invariant, out _) ? null : "a whole number";
        if (type == typeof(long)) return long.TryParse(value, NumberStyles.Integer, invariant, out _) ? null : "a whole number";
        if (type == typeof(double)) return double.TryParse(value, NumberStyles.Float, invariant, out _) ? null : "a number";
        if (type == typeof(bool)) return bool.TryParse(value, out _) ? null : "true or false";
        return null;
    }
}
