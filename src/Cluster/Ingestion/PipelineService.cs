using Akka;
using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Runs this node's share of a consumer group as a <see cref="KafkaBatchPipeline{TItem,TReceipt}"/>, restarting a
/// failed run with back-off from the committed offsets. A graceful stop ends the pipeline first (the records read
/// are answered, a last checkpoint taken, the offsets committed, the group left), in the first phase of the actor
/// system's coordinated shutdown, so that the slices and label buckets it feeds are still there.
/// </summary>
public abstract class PipelineService<TItem, TReceipt>(ActorSystem system, NodeProducer producer, ILogger logger) : BackgroundService
    where TItem : class
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile KafkaBatchPipeline<TItem, TReceipt>? _current;

    /// <summary>This node's totals since it started, across pipeline restarts.</summary>
    public PipelineCounters Counters { get; } = new();

    /// <summary>Whether the running pipeline's consumer holds partitions now.</summary>
    public bool IsAssigned => _current?.IsAssigned ?? false;

    /// <summary>A short name for logs and the shutdown task, e.g. "ingestion".</summary>
    protected abstract string Name { get; }

    protected abstract ConsumerConfig ConsumerConfig();

    protected abstract BatchPipelineOptions PipelineOptions();

    /// <summary>The handler of one run (a new one per run where it keeps per-run state).</summary>
    protected abstract Task<IBatchHandler<TItem, TReceipt>> CreateHandler(CancellationToken cancellationToken);

    /// <summary>Stops the pipeline gracefully; idempotent, and complete once the last checkpoint is taken and the group left.</summary>
    public Task StopPipelineAsync()
    {
        _stop.Cancel();
        return _stopped.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopPipelineAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, $"streamml-stop-{Name}", async () =>
        {
            await StopPipelineAsync().ConfigureAwait(false);
            return Done.Instance;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stop.Token);
        try
        {
            await RunUntilStopped(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private async Task RunUntilStopped(CancellationToken stop)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var materializer = system.Materializer();
        while (!stop.IsCancellationRequested)
        {
            IBatchHandler<TItem, TReceipt> handler;
            try
            {
                handler = await CreateHandler(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            var pipeline = new KafkaBatchPipeline<TItem, TReceipt>(ConsumerConfig(), producer.Producer, handler, PipelineOptions(), Counters, logger);
            _current = pipeline;
            var started = DateTime.UtcNow;
            var running = pipeline.Run(materializer);
            await Task.WhenAny(running, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);
            try
            {
                await pipeline.StopAsync(running).ConfigureAwait(false);
                if (stop.IsCancellationRequested) return;
                logger.LogWarning("The {Name} pipeline completed unexpectedly; restarting", Name);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                logger.LogError(e, "The {Name} pipeline failed; restarting from the committed offsets in {Backoff}", Name, backoff);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The {Name} pipeline failed while stopping", Name);
                return;
            }
            finally
            {
                _current = null;
            }
            if (DateTime.UtcNow - started > MaxBackoff) backoff = TimeSpan.FromSeconds(1);
            await Task.Delay(backoff, stop).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}
