using Flywheel.Serving;

namespace Flywheel.Tests.Serving;

public class CsvRecordReaderTests
{
    private static List<CsvRecord> ReadAll(string text) => new CsvRecordReader(new StringReader(text), "in.csv").Records().ToList();

    [Fact]
    public void Plain_records_with_LF_and_CRLF_and_no_final_line_break()
    {
        var records = ReadAll("a,b\r\n1,2\n,x");
        Assert.Equal([["a", "b"], ["1", "2"], ["", "x"]], records.Select(r => r.Fields));
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_and_count_lines()
    {
        var records = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,\"\"\n");
        Assert.Equal(["a,b", "say \"hi\"", "two\nlines"], records[0].Fields);
        Assert.Equal(["next", ""], records[1].Fields);
        Assert.Equal([1, 3], records.Select(r => r.Line));
    }

    [Fact]
    public void A_quote_inside_a_field_and_a_lone_carriage_return_are_text()
    {
        var records = ReadAll("ab\"c,\"q\"tail,x\ry\n");
        Assert.Equal(["ab\"c", "qtail", "x\ry"], Assert.Single(records).Fields);
    }

    [Fact]
    public void A_blank_line_is_one_empty_field()
    {
        Assert.Equal([["a"], [""], ["b"]], ReadAll("a\n\nb\n").Select(r => r.Fields));
    }

    [Fact]
    public void Fields_longer_than_the_read_buffer_come_through_whole()
    {
        var longText = new string('x', 150_000);
        var records = ReadAll($"{longText},\"{longText}\r\n{longText}\"\r\nz\r\n");
        Assert.Equal([longText, longText + "\r\n" + longText], records[0].Fields);
        Assert.Equal(["z"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_it_opened_on()
    {
        var error = Assert.Throws<InputException>(() => ReadAll("a\nb,\"open\nmore\n"));
        Assert.Contains("not closed", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void The_training_files_delimiter_and_quote_are_used()
    {
        var dialect = new Flywheel.Data.Sources.CsvDialect(";", "'", "'", true);
        var records = CsvRecordReader.For(new StringReader("a;b\n'x; y';3,5\n\"q\";1\n"), "in.csv", dialect).Records().ToList();
        Assert.Equal([["a", "b"], ["x; y", "3,5"], ["\"q\"", "1"]], records.Select(r => r.Fields));

        var unquoted = CsvRecordReader.For(new StringReader("\"a\"|b\n"), "in.csv", dialect with { Delimiter = "|", Quote = "" }).Read()!.Value.Fields;
        Assert.Equal(["\"a\"", "b"], unquoted);
    }
}
