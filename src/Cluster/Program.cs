using System.CommandLine;
using StreamMl.Cluster.Commands;

var root = new RootCommand("StreamMl: machine learning on live event streams (Kafka → Akka.NET cluster → predictions).")
{
    NodeCommand.Create(),
    DevBrokerCommand.Create(),
    ProduceCommand.Create(),
    TrainCommand.Create(),
    DemoCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
