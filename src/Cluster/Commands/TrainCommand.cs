using System.CommandLine;

namespace StreamMl.Cluster.Commands;

/// <summary>The `train` verb.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "TODO");
        return command;
    }
}
