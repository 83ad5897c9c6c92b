using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;
using StreamMl.Streams.Replay;
using Xunit;

namespace StreamMl.Tests.Replay;

public class CsvEventSourceTests
{
    private static CsvEventSource Source(string csv, bool includeLabels = false, string idPrefix = "", long skip = 0, long? take = null, PipelineSpec? spec = null) =>
        new(() => new StringReader(csv), "test.csv", spec ?? ReplayTestSpecs.Mixed(), includeLabels, idPrefix, skip, take);

    [Fact]
    public void Reads_features_by_header_name_in_any_column_order()
    {
        var events = Source("city,extra,y,x,class\nParis,zz,2.5,-1e3,1\n").ToList();

        var e = Assert.Single(events);
        Assert.Equal("0", e.Id);
        Assert.Null(e.Time);
        Assert.Null(e.Label);
        Assert.Equal(3, e.Features.Count);
        Assert.Equal(-1000, e.Features["x"].Number);
        Assert.Equal(2.5, e.Features["y"].Number);
        Assert.Equal("Paris", e.Features["city"].Text);
        Assert.False(e.Features.ContainsKey("extra"));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_newlines()
    {
        const string csv = "x,y,city,class\r\n1,\"2\",\"Paris, \"\"la\"\" ville\",0\r\n3,4,\"two\nlines\",1\r\n5,6,\"\",1\r\n";
        var events = Source(csv).ToList();

        Assert.Equal(3, events.Count);
        Assert.Equal("Paris, \"la\" ville", events[0].Features["city"].Text);
        Assert.Equal(2, events[0].Features["y"].Number);
        Assert.Equal("two\nlines", events[1].Features["city"].Text);
        Assert.Equal("2", events[2].Id);
        Assert.True(events[2].Features["city"].IsMissing);
    }

    [Fact]
    public void Empty_cells_are_missing()
    {
        var e = Assert.Single(Source("x,y,city,class\n, ,,\n", includeLabels: true));

        Assert.True(e.Features["x"].IsMissing);
        Assert.True(e.Features["y"].IsMissing);
        Assert.True(e.Features["city"].IsMissing);
        Assert.Null(e.Label);
    }

    [Fact]
    public void Labels_only_when_asked_numbers_as_numbers_other_text_as_text()
    {
        const string csv = "x,y,city,class\n1,2,a,1\n1,2,a,UP\n";
        Assert.All(Source(csv), e => Assert.Null(e.Label));

        var labelled = Source(csv, includeLabels: true).ToList();
        Assert.Equal(1, labelled[0].Label!.Value.Number);
        Assert.Equal("UP", labelled[1].Label!.Value.Text);
    }

    [Fact]
    public void A_numeric_label_that_is_not_a_number_is_an_error()
    {
        var source = Source("x,y,city,class\n1,2,a,1.5\n1,2,a,big\n", includeLabels: true, spec: ReplayTestSpecs.Mixed(LabelKind.Numeric));

        var error = Assert.Throws<CsvFormatException>(() => source.ToList());
        Assert.Equal(3, error.Line);
        Assert.Equal("class", error.Column);
    }

    [Fact]
    public void A_bad_number_names_the_file_line_and_column()
    {
        var source = Source("x,y,city,class\n1,2,a,0\n1,\"\n\",a,0\n1,2..5,b,1\n");

        var error = Assert.Throws<CsvFormatException>(() => source.ToList());
        Assert.Equal("test.csv", error.FileName);
        Assert.Equal(5, error.Line); // the quoted newline in row 1 takes a line of its own
        Assert.Equal("y", error.Column);
        Assert.Contains("test.csv:5", error.Message);
        Assert.Contains("'y'", error.Message);
        Assert.Contains("2..5", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    public void Numbers_must_be_finite_and_use_the_invariant_culture(string cell)
    {
        var csv = $"x,y,city,class\n\"{cell}\",2,a,0\n";
        var error = Assert.Throws<CsvFormatException>(() => Source(csv).ToList());
        Assert.Equal("x", error.Column);
    }

    [Fact]
    public void A_column_the_spec_names_but_the_file_lacks_fails_at_once()
    {
        var error = Assert.Throws<CsvFormatException>(() => Source("x,city,class\n1,a,0\n"));
        Assert.Equal(1, error.Line);
        Assert.Equal("y", error.Column);

        // The label column is only needed when labels are asked for.
        Assert.Single(Source("x,y,city\n1,2,a\n"));
        var label = Assert.Throws<CsvFormatException>(() => Source("x,y,city\n1,2,a\n", includeLabels: true));
        Assert.Equal("class", label.Column);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_an_error()
    {
        var error = Assert.Throws<CsvFormatException>(() => Source("x,y,city,class\n1,2,a,0\n1,2,a\n").ToList());
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_quote_never_closed_is_an_error()
    {
        Assert.Throws<CsvFormatException>(() => Source("x,y,city,class\n1,2,\"a,0\n").ToList());
    }

    [Fact]
    public void Skip_and_take_count_data_rows_and_ids_keep_the_row_number()
    {
        var csv = "x,y,city,class\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},0,c,0\n"));

        var events = Source(csv, idPrefix: "ev-", skip: 3, take: 4).ToList();

        Assert.Equal(["ev-3", "ev-4", "ev-5", "ev-6"], events.Select(e => e.Id));
        Assert.Equal([3.0, 4, 5, 6], events.Select(e => e.Features["x"].Number!.Value));
        Assert.Empty(Source(csv, skip: 20));
        Assert.Empty(Source(csv, take: 0));
        Assert.Equal(10, Source(csv).Count());
    }

    [Fact]
    public void Blank_lines_and_a_missing_final_newline_are_fine_and_it_can_be_read_twice()
    {
        var source = Source("x,y,city,class\n\n1,2,a,0\n\n3,4,b,1");

        Assert.Equal(["0", "1"], source.Select(e => e.Id));
        Assert.Equal(2, source.Count());
    }

    [Fact]
    public void Time_is_optional_and_computed_from_the_row()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var source = new CsvEventSource(() => new StringReader("x,y,city,class\n1,2,a,0\n3,4,b,1\n"), "t", ReplayTestSpecs.Mixed(),
            time: row => start.AddSeconds(row));

        Assert.Equal([start, start.AddSeconds(1)], source.Select(e => e.Time!.Value));
    }

    [Fact]
    public void Reads_a_file_from_disk()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "\uFEFFx,y,city,class\n1,2,a,0\n");
            var e = Assert.Single(new CsvEventSource(path, ReplayTestSpecs.Mixed()));
            Assert.Equal(1, e.Features["x"].Number);
            Assert.Throws<FileNotFoundException>(() => new CsvEventSource(path + ".missing", ReplayTestSpecs.Mixed()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Streams_a_large_input_without_reading_it_all_first()
    {
        // An endless reader: taking a few events must not try to read to the end.
        var source = new CsvEventSource(() => new EndlessCsv(), "endless", ReplayTestSpecs.Mixed(), take: 5);
        Assert.Equal(5, source.Count());
    }

    private sealed class EndlessCsv : TextReader
    {
        private bool _header = true;

        public override string ReadLine()
        {
            if (!_header) return "1,2,a,0";
            _header = false;
            return "x,y,city,class";
        }
    }
}
