using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace StreamMl.Bench.HotPaths;

/// <summary>
/// <c>StreamMl.Bench hotpaths</c>: BenchmarkDotNet over the per-event hot paths, with allocations per operation
/// (one operation = one event). Runs in this process (no generated project to build); arguments after the verb go to
/// BenchmarkDotNet (e.g. <c>--filter *Decoder*</c>).
/// </summary>
public static class HotPathCommand
{
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var switcher = BenchmarkSwitcher.FromTypes([typeof(PredictionJsonBenchmarks), typeof(EventDecoderBenchmarks), typeof(SliceRecordBenchmarks), typeof(LabelJoinBenchmarks), typeof(ExampleAppendBenchmarks), typeof(RouterBenchmarks)]);
        var summaries = switcher.Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
