using StreamMl.Core.Modeling;
using Xunit;

namespace StreamMl.Tests.Modeling;

public sealed class CsvTests
{
    private static CsvRowReader Reader(string text) => new(new StringReader(text), "test.csv");

    [Fact]
    public void The_sample_reads_into_labelled_events()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Modeling", "elec-sample.csv");
        var events = CsvExamples.Read(path, ElecData.Spec);

        Assert.Equal(5, events.Count);
        Assert.Equal("row-0", events[0].Id);
        Assert.Equal("row-4", events[4].Id);
        Assert.Equal(0.056443, events[0].Numeric[1], 6);
        Assert.Equal(1, events[0].Label);
        Assert.Equal("night", events[0].Derived[0]);
        Assert.Contains("dayPart=night", events[0].Slices);
    }

    [Fact]
    public void Empty_fields_are_missing_and_extra_columns_ignored()
    {
        const string text = "note,period,nswprice,nswdemand,vicprice,vicdemand,transfer,class\n\"a, b\",0.5,,0.4,0.1,0.2,0.3,\n";
        var events = CsvExamples.Read(Reader(text), ElecData.Spec);

        Assert.True(double.IsNaN(events[0].Numeric[1]));
        Assert.Null(events[0].Label);
    }

    [Fact]
    public void A_bad_row_is_reported_with_its_line()
    {
        const string text = "period,nswprice,nswdemand,vicprice,vicdemand,transfer,class\n0.1,0.1,0.1,0.1,0.1,0.1,1\n0.1,0.1,1.5,0.1,0.1,0.1,0\n";
        var e = Assert.Throws<CsvException>(() => CsvExamples.Read(Reader(text), ElecData.Spec));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("nswdemand", e.Message);
    }

    [Fact]
    public void Text_in_a_numeric_column_is_reported_with_its_line()
    {
        const string text = "period,nswprice,nswdemand,vicprice,vicdemand,transfer,class\n0.1,abc,0.1,0.1,0.1,0.1,1\n";
        var e = Assert.Throws<CsvException>(() => CsvExamples.Read(Reader(text), ElecData.Spec));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("'nswprice' = 'abc'", e.Message);
    }

    [Fact]
    public void A_missing_required_feature_and_a_bad_label_are_refused()
    {
        const string header = "period,nswprice,nswdemand,vicprice,vicdemand,transfer,class\n";
        Assert.Contains("period", Assert.Throws<CsvException>(() => CsvExamples.Read(Reader(header + ",0.1,0.1,0.1,0.1,0.1,1\n"), ElecData.Spec)).Message);
        Assert.Contains("UP", Assert.Throws<CsvException>(() => CsvExamples.Read(Reader(header + "0.1,0.1,0.1,0.1,0.1,0.1,UP\n"), ElecData.Spec)).Message);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_newlines()
    {
        using var reader = Reader("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3\n\n");
        var rows = reader.Rows().ToArray();

        Assert.Equal(2, rows.Length);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], rows[0].Fields);
        Assert.Equal(4, rows[1].LineNumber);
        Assert.Equal(1, rows[1].RowNumber);
        Assert.Equal(2, reader.IndexOf("c"));
        Assert.Equal(-1, reader.IndexOf("d"));
    }

    [Fact]
    public void A_short_row_is_reported()
    {
        using var reader = Reader("a,b\n1,2\n3\n");
        var e = Assert.Throws<CsvException>(() => reader.Rows().ToArray());
        Assert.Equal(3, e.LineNumber);
    }
}
