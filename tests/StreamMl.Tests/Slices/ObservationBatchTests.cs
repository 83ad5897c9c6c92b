using StreamMl.Core.Slices;
using Xunit;

namespace StreamMl.Tests.Slices;

public sealed class ObservationBatchTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rows_come_back_from_the_columns_as_they_went_in()
    {
        Observation[] rows =
        [
            new([0.1, double.NaN], ["a"], 1, 0.9, true),
            new([0.2, 3.5], [null], null, 0.4, false, "v2-canary"),
            new([-0.0, 1e300], ["b"], 0, 12.5, null),
        ];

        var batch = new ObservationBatch(rows, T0, "v1");

        Assert.Equal((3, 2, 1), (batch.Count, batch.NumericWidth, batch.CategoricalWidth));
        Assert.Equal([0.1, double.NaN, 0.2, 3.5, -0.0, 1e300], batch.Numeric);
        Assert.Equal(new[] { "a", null, "b" }, batch.Categorical);
        Assert.Equal(new sbyte[] { 1, 0, -1 }, batch.Predicted);
        for (var i = 0; i < rows.Length; i++)
        {
            var back = batch.Rows[i];
            Assert.Equal(rows[i].Numeric, back.Numeric);
            Assert.Equal(rows[i].Categorical, back.Categorical);
            Assert.Equal((rows[i].Label, rows[i].Score, rows[i].PredictedPositive, rows[i].ModelVersion),
                (back.Label, back.Score, back.PredictedPositive, back.ModelVersion));
        }
        Assert.True(double.IsNegative(batch.NumericOf(2)[0]), "-0 stays -0");
    }

    [Fact]
    public void A_batch_without_canary_rows_keeps_no_row_versions()
    {
        var batch = new ObservationBatch([new([0.5], [], 1, 0.7, true)], T0, "v1");

        Assert.Null(batch.RowVersions);
        Assert.Null(batch.RowVersionOf(0));
    }

    [Fact]
    public void Columns_that_do_not_hold_the_rows_are_refused_and_a_builder_must_be_filled()
    {
        Assert.Throws<ArgumentException>(() => new ObservationBatch(2, 2, 0, new double[3], [], new double[2], new double[2], new sbyte[2], null, T0));
        Assert.Throws<ArgumentException>(() => new ObservationBatch(1, 1, 0, new double[1], [], new double[1], new double[1], new sbyte[1], new string?[2], T0));
        var builder = new ObservationBatch.Builder(2, 1, 0);
        builder.Add([1.0], [], null, 0.5, null);
        Assert.Throws<InvalidOperationException>(() => builder.Build(T0));
        Assert.Throws<ArgumentException>(() => builder.Add([1.0, 2.0], [], null, 0.5, null));
    }
}
