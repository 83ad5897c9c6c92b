using System.CommandLine;
using StreamMl.Cluster.Hosting;

namespace StreamMl.Cluster.Commands;

/// <summary>The <c>node</c> verb: runs one cluster node until SIGINT/SIGTERM.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var options = new NodeOptions();
        var command = new Command("node", "Run a StreamMl cluster node (ingestion, slices, admin endpoint). Options override the StreamMl configuration section and STREAMML__* environment variables.");
        options.AddTo(command);
        command.SetAction((result, ct) => CommandRunner.Run(async () =>
        {
            await using var app = NodeHost.Build(options.Overrides(result));
            await app.RunAsync(ct);
            return 0;
        }));
        return command;
    }
}
