using StreamMl.Cluster.Admin;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Spec;

namespace StreamMl.Cluster.Learning;

/// <summary>
/// On an ingest node of an online model's spec, makes sure the cluster serves one: when the registry has no champion
/// yet, the spec's learner starts as version one at the current end of the label log. Nodes that start later (or
/// again) find the champion and serve it.
/// </summary>
public sealed class OnlineModelStarter(CompiledSpec spec, IOnlineModelControl control, ILogger<OnlineModelStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!spec.Spec.Model.IsOnline) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var registered = await control.StartAsync(serve: null, 0, "start-up", stoppingToken).ConfigureAwait(false);
                if (registered.Started) logger.LogInformation("Online model {Version} ({Learner}) started", registered.Version, spec.Spec.Model.Online!.Learner);
                else logger.LogInformation("The champion is {Version}; serving it", registered.Version);
                return;
            }
            catch (Exception e) when (e is UnavailableException or Confluent.Kafka.KafkaException or TimeoutException)
            {
                logger.LogInformation("Cannot start the online model yet ({Reason}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
