using System.CommandLine;

namespace StreamMl.Cluster.Commands;

/// <summary>The `demo` verb.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "TODO");
        return command;
    }
}
