using System.Diagnostics;
using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Bench.Drift;

/// <summary>Nanoseconds per update of each drift detector of <see cref="BenchmarkDetectors"/>, on 1,000,000 seeded values after a warm-up.</summary>
public static class DetectorBenchmarks
{
    private const int Updates = 1_000_000;
    private const int WarmUp = 100_000;

    public static int Run()
    {
        var random = new Random(11);
        var numbers = new double[Updates];
        var errors = new double[Updates];
        for (var i = 0; i < Updates; i++)
        {
            numbers[i] = random.NextDouble();
            errors[i] = random.NextDouble() < 0.1 ? 1 : 0;
        }

        // The error-rate detectors read 0/1 values; the others any numbers.
        var cases = BenchmarkDetectors.All.Select(d => (Detector: d.Create(), Input: d.Key is "ddm" or "eddm" or "hddm_a" ? errors : numbers));

        Console.WriteLine("detector      ns/update  drifts");
        foreach (var (detector, input) in cases)
        {
            for (var i = 0; i < WarmUp; i++) detector.Update(input[i]);
            detector.Reset();

            var drifts = 0;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < input.Length; i++)
            {
                detector.Update(input[i]);
                if (detector.DriftDetected) drifts++;
            }
            watch.Stop();
            Console.WriteLine($"{detector.Name,-12} {watch.Elapsed.TotalNanoseconds / input.Length,10:F1}  {drifts,6}");
        }
        return 0;
    }
}
