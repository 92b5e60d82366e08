using System.Net;
using System.Text.RegularExpressions;
using Flywheel.Reports;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Cli.Tests.Reports;

/// <summary>
/// The scenario table is computed once: <c>flywheel value</c>'s terminal table, the HTML page of <c>flywheel report</c>
/// and its <c>--json</c> document show the same cells, in the same order.
/// </summary>
public sealed partial class SameCellsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "flywheel-cells-" + Guid.NewGuid().ToString("N"));

    public SameCellsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex Cell();

    private static ReportTable Expected(string sample) =>
        ValueReportTables.Scenarios(ValueAnalysis.Run(UseCaseLoader.Load(CliProcess.Sample(sample))));

    [Theory]
    [InlineData("churn-value")]
    [InlineData("inspection")]
    public void The_terminal_shows_every_row_of_the_documents_scenario_table_on_one_line(string sample)
    {
        var table = Expected(sample);
        var outcome = CliProcess.Run("value", CliProcess.Sample(sample));
        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n');
        foreach (var row in table.Rows)
        {
            // The row's line: its label first, then each cell in order, separated by the table's borders.
            var line = lines.FirstOrDefault(text => text.TrimStart('│', ' ').StartsWith(row[0].Text + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"no line for '{row[0].Text}' in:\n{outcome.Stdout}");
            var cells = line.Split('│').Select(cell => cell.Trim()).Where((_, i) => i > 0).SkipLast(1).ToList();
            Assert.Equal(row.Select(cell => cell.Text), cells);
        }
    }

    [Fact]
    public void The_report_html_and_its_json_show_the_same_scenario_cells_as_the_document()
    {
        var file = Path.Combine(_folder, "report.html");
        var outcome = CliProcess.Run("report", CliProcess.Sample("churn-value"), "-o", file, "--json");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("wrote ", outcome.Stderr);

        var expected = Expected("churn-value").Rows.SelectMany(row => row.Select(cell => cell.Text)).ToList();
        var fromJson = ReportJson.Deserialize(outcome.Stdout).Find(ValueReportTables.ScenariosHeading)!.Tables.Single();
        Assert.Equal(expected, fromJson.Rows.SelectMany(row => row.Select(cell => cell.Text)));

        var html = File.ReadAllText(file);
        var start = html.IndexOf($"<h2>{ValueReportTables.ScenariosHeading}</h2>", StringComparison.Ordinal);
        var tableHtml = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        Assert.Equal(expected, Cell().Matches(tableHtml).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value)));
        // Hand-checked against samples/churn-value: ROI at the horizon as a percentage, break-even in days and months.
        Assert.Equal(["ROI at horizon", "7,343.6 %", "2,691.4 %"], fromJson.Row("ROI at horizon")!.Select(cell => cell.Text));
        Assert.Equal(["break-even", "101 days (3.3 months)", "119 days (3.9 months)"], fromJson.Row("break-even")!.Select(cell => cell.Text));
    }
}
