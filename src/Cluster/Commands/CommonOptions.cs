using System.CommandLine;

namespace StreamMl.Cluster.Commands;

/// <summary>Options every verb takes.</summary>
public static class CommonOptions
{
    /// <summary><c>--verbose</c>: the actor system's and the web host's informational logs too, not only warnings and errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Log informational messages of the actor system and the web host too (default: warnings and errors only).",
        Recursive = true,
    };

    /// <summary>Whether the command line asks for help, which the parser answers even when other arguments are wrong.</summary>
    public static bool AsksForHelp(ParseResult result) =>
        result.Tokens.Any(t => t.Value is "--help" or "-h" or "-?");
}
