using System.CommandLine;
using StreamMl.Cluster.Commands;

var root = new RootCommand("StreamMl: machine learning on live event streams (Kafka → Akka.NET cluster → predictions).")
{
    NodeCommand.Create(),
    DevBrokerCommand.Create(),
    ProduceCommand.Create(),
    TrainCommand.Create(),
    DemoCommand.Create(),
    BenchCommand.Create(),
};
// On SIGINT/SIGTERM the verbs' cancellation token fires; a node then drains its ingestion, takes a last
// checkpoint and leaves the cluster, which can take longer than the parser's default two-second grace.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
