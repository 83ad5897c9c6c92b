using System.CommandLine;

namespace StreamMl.Cluster.Commands;

/// <summary>The `dev-broker` verb.</summary>
public static class DevBrokerCommand
{
    public static Command Create()
    {
        var command = new Command("dev-broker", "TODO");
        return command;
    }
}
