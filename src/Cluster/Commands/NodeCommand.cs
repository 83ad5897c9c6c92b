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
            var overrides = options.Overrides(result);
            if (result.GetValue(CommonOptions.Verbose)) overrides[$"{NodeSettings.Section}:Verbose"] = "true";
            await using var app = NodeHost.Build(overrides);
            await app.StartAsync(ct);
            var settings = app.Services.GetRequiredService<NodeSettings>();
            await Console.Error.WriteLineAsync($"streamml node {NodeHost.NodeName(settings)} up: roles {string.Join(",", settings.Cluster.EffectiveRoles)}, admin {settings.Admin.Urls}; stop with Ctrl+C or SIGTERM");
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        return command;
    }
}
