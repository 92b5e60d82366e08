using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flywheel.Reports;
using Flywheel.Reports.Charts;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Reports;

/// <summary>The value page as a document: its structure, its JSON round trip, and the same cells in HTML and JSON.</summary>
public partial class ReportDocumentTests
{
    private const string Yaml = """
        name: doc
        statement: As a tester, I see every number once.
        value:
          parameters:
            n: { value: 100, unit: items/day, owner: Sales, range: [80, 120] }
            p: { value: 250, unit: JPY/item }
          value: n * p
          costs: { development: 1000000 JPY, operation: 30000 JPY/month }
          horizon: 1 year
          scenarios:
            low: { n: 50 }
        """;

    internal static ValueAnalysisResult Result() => ValueAnalysis.Run(UseCaseLoader.Parse(Yaml, "f.yaml"));

    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex Cell();

    // Skia numbers an SVG's clip paths and images on from earlier renders in the process; the ids are not content.
    [GeneratedRegex(@"c[0-9a-f]{10}-([a-z]+)_[0-9a-f]+")]
    private static partial Regex SvgId();

    internal static string WithoutSvgIds(string html) => SvgId().Replace(html, "$1");

    [Fact]
    public void The_value_page_has_its_sections_in_order_and_the_scenario_section_holds_a_table_and_a_chart_spec()
    {
        var document = ValueReport.Build(Result());
        Assert.Equal(["Statement", "The value, written out", "Who controls what", "Scenarios and payback", "Sensitivity"],
            document.Sections.Select(section => section.Heading));
        var scenarios = document.Find(ValueReportTables.ScenariosHeading)!;
        Assert.Equal([typeof(TableBlock), typeof(ChartBlock)], scenarios.Blocks.Select(block => block.GetType()));
        var chart = Assert.IsType<LineChart>(((ChartBlock)scenarios.Blocks[1]).Chart);
        Assert.Equal(2, chart.Series.Count);
        Assert.Equal(["Sales", "(no owner)"], document.Find("Who controls what")!.Subsections.Select(section => section.Heading));
    }

    [Fact]
    public void The_scenario_table_is_computed_with_hand_checked_numbers()
    {
        // base: 100 × 250 = 25,000 JPY/day; operation 30,000 JPY/month = 985.6 JPY/day; net 24,014.4 JPY/day;
        // break-even 1,000,000 / 24,014.4 = 41.6 days; cumulative at 365.25 days = 25,000 × 365.25 − 30,000 × 12 − 1,000,000
        // = 7,771,250; ROI = 7,771,250 / (1,000,000 + 360,000) = 5.714 = 571.4 %.
        var table = ValueReportTables.Scenarios(Result());
        Assert.Equal(["", "base", "low"], table.Headers);
        Assert.Equal(["value / day", "25,000 JPY/day", "12,500 JPY/day"], table.Row("value / day")!.Select(cell => cell.Text));
        Assert.Equal("985.6 JPY/day", table.Row("operation / day")![1].Text);
        Assert.Equal("41.6 days", table.Row("break-even")![1].Text);
        Assert.Equal("7,771,250 JPY", table.Row("cumulative at horizon")![1].Text);
        Assert.Equal("571.4 %", table.Row("ROI at horizon")![1].Text);
        Assert.Equal(7_771_250, table.Row("cumulative at horizon")![1].Value!.Value, 0);
        Assert.Equal(["low: n", "", "50"], table.Row("low: n")!.Select(cell => cell.Text));
        Assert.Equal("Payback over 1 year", table.Caption);
    }

    [Fact]
    public void The_json_round_trips_and_renders_the_same_html()
    {
        var document = ValueReport.Build(Result());
        var json = document.ToJson();
        var back = ReportJson.Deserialize(json);
        Assert.Equal(json, back.ToJson());
        // Enough is kept to draw every chart again: the page rendered from the JSON is the page.
        Assert.Equal(WithoutSvgIds(document.ToHtml()), WithoutSvgIds(back.ToHtml()));
    }

    [Fact]
    public void The_json_has_stable_names_for_blocks_cells_and_charts()
    {
        using var json = JsonDocument.Parse(ValueReport.Build(Result()).ToJson());
        var section = json.RootElement.GetProperty("sections").EnumerateArray().First(s => s.GetProperty("heading").GetString() == ValueReportTables.ScenariosHeading);
        var blocks = section.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["table", "chart"], blocks.Select(block => block.GetProperty("type").GetString()));
        Assert.Equal("line", blocks[1].GetProperty("chart").GetProperty("kind").GetString());
        var roi = blocks[0].GetProperty("table").GetProperty("rows").EnumerateArray().First(row => row[0].GetProperty("text").GetString() == "ROI at horizon")[1];
        Assert.Equal("percent", roi.GetProperty("kind").GetString());
        Assert.Equal("571.4 %", roi.GetProperty("text").GetString());
        Assert.Equal(5.714, roi.GetProperty("value").GetDouble(), 3);
    }

    [Fact]
    public void The_html_and_the_json_show_the_same_scenario_cells()
    {
        var document = ValueReport.Build(Result());
        var table = document.Find(ValueReportTables.ScenariosHeading)!.Tables.Single();
        var html = document.ToHtml();
        var start = html.IndexOf("<h2>Scenarios and payback</h2>", StringComparison.Ordinal);
        var tableHtml = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        var htmlCells = Cell().Matches(tableHtml).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value)).ToList();

        var back = ReportJson.Deserialize(document.ToJson()).Find(ValueReportTables.ScenariosHeading)!.Tables.Single();
        var expected = table.Rows.SelectMany(row => row.Select(cell => cell.Text)).ToList();
        Assert.Equal(expected, htmlCells);
        Assert.Equal(expected, back.Rows.SelectMany(row => row.Select(cell => cell.Text)));
        Assert.Equal(table.Rows.SelectMany(row => row.Select(cell => cell.Kind)), back.Rows.SelectMany(row => row.Select(cell => cell.Kind)));
    }

    [Fact]
    public void A_heatmap_spec_round_trips_with_its_matrix_and_missing_cells()
    {
        var document = new ReportDocument("h");
        document.AddSection("s").Chart(new HeatmapChart("r", ["a", "b"], ["a", "b"], new[,] { { 1, double.NaN }, { -0.25, 1 } }) { Min = -1, Max = 1 }, 400, 300, "c");
        // The first heatmap drawn in a process lays out slightly differently from later ones (a 2 px wider data area
        // was seen); draw one first so the comparison is between like renders.
        _ = document.ToHtml();
        var back = ReportJson.Deserialize(document.ToJson());
        Assert.Equal(document.ToJson(), back.ToJson());
        var chart = Assert.IsType<HeatmapChart>(((ChartBlock)back.Sections[0].Blocks[0]).Chart);
        Assert.Equal(-0.25, chart.Values[1, 0]);
        Assert.True(double.IsNaN(chart.Values[0, 1]));
        Assert.Equal((400, 300, "c"), (((ChartBlock)back.Sections[0].Blocks[0]).Width, ((ChartBlock)back.Sections[0].Blocks[0]).Height, ((ChartBlock)back.Sections[0].Blocks[0]).Caption));
        Assert.Equal(WithoutSvgIds(document.ToHtml()), WithoutSvgIds(back.ToHtml()));
    }
}
