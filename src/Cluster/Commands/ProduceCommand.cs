using System.CommandLine;

namespace StreamMl.Cluster.Commands;

/// <summary>The `produce` verb.</summary>
public static class ProduceCommand
{
    public static Command Create()
    {
        var command = new Command("produce", "TODO");
        return command;
    }
}
