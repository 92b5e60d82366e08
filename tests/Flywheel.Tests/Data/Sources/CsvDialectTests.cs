using Flywheel.Data.Sources;
using Flywheel.UseCases;

namespace Flywheel.Tests.Data.Sources;

public class CsvDialectTests
{
    [Fact]
    public void A_decimal_comma_in_a_semicolon_file_is_found_and_read_as_numbers()
    {
        using var folder = new TempFolder();
        var file = folder.Write("eu.csv", "id;price;city\n1;3,5;Lyon, centre\n2;-12,25;Paris\n3;7;Nice\n");
        using var source = DataSource.Open(file);
        Assert.Equal((";", ","), (source.Dialect!.Delimiter, source.Dialect.Decimal));
        Assert.Equal(ColumnKind.Numeric, source.Column("price").Kind);
        Assert.Equal(ColumnKind.Categorical, source.Column("city").Kind);
        Assert.Equal([3.5, -12.25, 7.0], source.ReadRows(["price"]).Select(row => Convert.ToDouble(row[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NA_tokens_in_a_numeric_column_are_found_and_read_as_missing_in_every_column()
    {
        using var folder = new TempFolder();
        var file = folder.Write("na.csv", "x,g\n1,a\nNA,NA\n3,b\n");
        using var source = DataSource.Open(file);
        Assert.Equal(["", "NA"], source.Dialect!.Missing);
        Assert.Equal(ColumnKind.Numeric, source.Column("x").Kind);
        var rows = source.ReadRows().ToList();
        Assert.Null(rows[1][0]);
        Assert.Null(rows[1][1]);
    }

    [Fact]
    public void A_plain_file_keeps_the_defaults_and_text_NA_stays_a_category()
    {
        using var folder = new TempFolder();
        var file = folder.Write("plain.csv", "x,region\n1,NA\n2,EU\n");
        using var source = DataSource.Open(file);
        Assert.Equal(".", source.Dialect!.Decimal);
        Assert.Equal([""], source.Dialect.Missing);
        Assert.Equal("NA", source.ReadRows(["region"]).First()[0]);
    }

    [Fact]
    public void Declared_tokens_and_delimiter_win_over_detection()
    {
        using var folder = new TempFolder();
        var file = folder.Write("declared.csv", "x|g\n1|a\n-|b\n3|.\n");
        var spec = SourceSpec.ForFile(file) with { Csv = new CsvSection("|", null, null, ["."], null) };
        using var source = DataSource.Open(spec);
        Assert.Equal("|", source.Dialect!.Delimiter);
        Assert.Equal(["", "."], source.Dialect.Missing);
        // '-' is not declared missing, so x is text; '.' is.
        Assert.Equal(ColumnKind.Categorical, source.Column("x").Kind);
        Assert.Null(source.ReadRows(["g"]).Last()[0]);
    }

    [Fact]
    public void The_dialect_reads_numbers_and_missing_values_as_DuckDB_did()
    {
        var dialect = new CsvDialect(";", "\"", "\"", true) { Decimal = ",", Missing = ["", "NA"] };
        Assert.True(dialect.TryNumber(" -12,25 ", out var value));
        Assert.Equal(-12.25, value);
        Assert.True(dialect.IsMissing(" NA "));
        Assert.False(CsvDialect.Legacy.IsMissing("NA"));
        Assert.True(CsvDialect.Legacy.TryNumber("1e3", out value));
        Assert.Equal(1000, value);
    }

    [Fact]
    public void A_file_declared_without_a_header_gets_DuckDBs_column_names()
    {
        using var folder = new TempFolder();
        var file = folder.Write("noheader.csv", "1,a\n2,b\n3,c\n");
        using var source = DataSource.Open(SourceSpec.ForFile(file) with { Csv = new CsvSection(null, null, null, null, false) });
        Assert.False(source.Dialect!.HasHeader);
        Assert.Equal(CsvDialect.HeaderlessNames(2), source.Columns.Select(column => column.Name));
        Assert.Equal(3, source.RowCount);
    }
}
