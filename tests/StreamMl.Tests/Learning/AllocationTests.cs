using StreamMl.Core.Learning;
using StreamMl.Core.Spec;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Learning;

/// <summary>The hot paths do not allocate: scoring never, learning only when a tree grows a node.</summary>
public class AllocationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Binary() => new(LearnerCatalog.Names.Where(n => LearnerCatalog.Supports(n, LabelKind.Binary)).Append("leveraging-bagging:labelHistory=1"));

    [Theory]
    [MemberData(nameof(Binary))]
    public void Scoring_allocates_nothing_and_learning_allocates_only_to_grow(string spec)
    {
        var stream = DeterminismTests.Stream(4, 30_000, LabelKind.Binary);
        var model = LearnerCatalog.Create(OnlineLearnerSpec.Parse(spec), stream.Schema);
        var revealed = new double[model.LabelHistory];
        for (var t = 0; t < 20_000; t++) model.Learn(stream.Input(t, revealed), stream.Label(t));

        double sum = 0;
        // Warm up first: the JIT's tiering compiles on the calling thread, and that allocates.
        for (var t = 0; t < 20_000; t++) sum += model.Predict(stream.Input(t, revealed));
        // On a busy machine the tiering may still replace a method during a span (a one-time cost, not the model's):
        // the steady state is the least any of three spans allocates.
        var predicting = long.MaxValue;
        for (var span = 0; span < 3 && predicting > 0; span++)
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            for (var t = 20_000; t < 30_000; t++) sum += model.Predict(stream.Input(t, revealed));
            predicting = Math.Min(predicting, GC.GetAllocatedBytesForCurrentThread() - start);
        }

        // Learning on numeric features only: what a learn allocates is then the new leaves (and their monitors) alone.
        var sea = LearningStreams.SeaConcepts(4, 30_000, [8]);
        var numeric = LearnerCatalog.Create(OnlineLearnerSpec.Parse(spec), LearningStreams.Sea);
        for (var t = 0; t < 20_000; t++) numeric.Learn(new LearnerInput(sea[t].Numeric, [], revealed), sea[t].Label);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 20_000; t < 30_000; t++) numeric.Learn(new LearnerInput(sea[t].Numeric, [], revealed), sea[t].Label);
        var learning = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{spec}: {predicting} bytes for 10,000 predictions, {learning / 10_000.0:F1} bytes per learn; {sum:F0}");
        Assert.Equal(0, predicting);
        // A new leaf holds its class statistics (about 300 bytes for three attributes); a drift-replaced tree or an
        // ADWIN a few kB more.
        Assert.InRange(learning / 10_000.0, 0, 100);
    }
}
