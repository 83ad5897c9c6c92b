using System.CommandLine;
using StreamMl.Cluster.Commands;

var root = new RootCommand("StreamMl: machine learning on live event streams (Kafka → Akka.NET cluster → predictions).")
{
    NodeCommand.Create(),
    DevBrokerCommand.Create(),
    ProduceCommand.Create(),
    ConsumeCommand.Create(),
    TrainCommand.Create(),
    ExplainCommand.Create(),
    DemoCommand.Create(),
};
root.Options.Add(CommonOptions.Verbose);

var parsed = root.Parse(args);
// Exit codes: 0 success, 2 a usage or configuration error (one line on stderr), 1 a failure at run time.
if (parsed.Errors.Count > 0 && !CommonOptions.AsksForHelp(parsed))
{
    await Console.Error.WriteLineAsync($"streamml: {ParseErrors.Describe(parsed)}");
    return 2;
}
// On SIGINT/SIGTERM the verbs' cancellation token fires; a node then drains its ingestion, takes a last
// checkpoint and leaves the cluster before the process ends.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60), EnableDefaultExceptionHandler = false });
