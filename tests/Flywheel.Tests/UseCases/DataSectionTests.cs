using Flywheel.UseCases;

namespace Flywheel.Tests.UseCases;

public class DataSectionTests
{
    private static DataSection Parse(string data) =>
        UseCaseLoader.Parse($"name: n\nstatement: s\ndata:\n{data}", "flywheel.yaml").Data!;

    [Fact]
    public void Reads_threshold_declared_facts_and_schema_kinds()
    {
        var data = Parse("  source: d.csv\n  missing_threshold: 0.3\n  documented: true\n  labels: partial\n  schema: { code: Categorical }\n");
        Assert.Equal(0.3, data.MissingThreshold);
        Assert.Equal(new DeclaredDataFacts(true, LabelCoverage.Partial), data.Declared);
        Assert.Equal("categorical", data.Schema["code"]);
    }

    [Fact]
    public void Unknown_key_is_rejected_with_its_position()
    {
        var error = Assert.Throws<InputException>(() => Parse("  source: d.csv\n  missing_treshold: 0.3\n"));
        Assert.Contains("unknown key 'missing_treshold'", error.Message);
        Assert.Equal(5, error.Line);
    }

    [Theory]
    [InlineData("  source: d.csv\n  roles: { date: signup }\n", "signup", null)]
    [InlineData("  source: d.csv\n  roles: { date: signup }\n  split: { time: churned_on }\n", "churned_on", null)]
    [InlineData("  source: d.csv\n  roles: { date: signup }\n  split: { by: customer }\n", null, "customer")]
    public void A_declared_date_column_orders_the_split_by_time_unless_groups_are_asked_for(string yaml, string? time, string? by)
    {
        var split = Parse(yaml).Split;
        Assert.Equal(time, split.Time);
        Assert.Equal(by, split.By);
    }

    [Theory]
    [InlineData("  source: d.csv\n  labels: most\n", "none, partial or complete")]
    [InlineData("  source: d.csv\n  missing_threshold: 50\n", "between 0 and 1")]
    [InlineData("  source: d.csv\n  schema: { x: integer }\n", "numeric, categorical, boolean, date, text")]
    [InlineData("  source: d.csv\n  documented: maybe\n", "true or false")]
    [InlineData("  source: d.csv\n  csv: { delimiter: ';;' }\n", "one character")]
    [InlineData("  source: d.csv\n  csv: { decimal: ',' }\n", "needs another delimiter")]
    [InlineData("  source: d.csv\n  csv: { decimal: '_' }\n", "'.' or ','")]
    [InlineData("  source: d.csv\n  csv: { separator: ';' }\n", "unknown key 'separator'")]
    public void Bad_values_are_explained(string yaml, string expected)
    {
        var error = Assert.Throws<InputException>(() => Parse(yaml));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Reads_the_declared_csv_dialect()
    {
        var csv = Parse("  source: d.csv\n  csv: { delimiter: ';', decimal: ',', missing: [NA, '-'], header: false, quote: \"'\" }\n").Csv;
        Assert.Equal((";", ",", false, "'"), (csv.Delimiter, csv.Decimal, csv.Header, csv.Quote));
        Assert.Equal(["NA", "-"], csv.Missing);
        Assert.Equal("\t", Parse("  source: d.csv\n  csv: { delimiter: '\\t' }\n").Csv.Delimiter);
        Assert.Same(CsvSection.None, Parse("  source: d.csv\n").Csv);
    }
}
