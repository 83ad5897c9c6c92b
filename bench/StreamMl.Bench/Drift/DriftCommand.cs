namespace StreamMl.Bench.Drift;

/// <summary>The <c>drift</c> verb of the benchmark program: runs <see cref="DriftBenchmark"/> and prints its tables.</summary>
public static class DriftCommand
{
    public static int Run(string[] args)
    {
        DriftBenchmarkOptions options;
        try
        {
            options = DriftArguments.Parse(args);
        }
        catch (DriftArgumentException e)
        {
            Console.Error.WriteLine($"bench drift: {e.Message}");
            return 2;
        }
        return DriftBenchmark.Run(options, Console.Out);
    }
}
