using System.CommandLine;

namespace StreamMl.Cluster.Commands;

/// <summary>The `node` verb.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var command = new Command("node", "TODO");
        return command;
    }
}
