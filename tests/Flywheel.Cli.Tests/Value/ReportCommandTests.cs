using System.Text.RegularExpressions;

namespace Flywheel.Cli.Tests.Value;

public sealed partial class ReportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "flywheel-report-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex SvgText();

    [Fact]
    public void Report_is_one_self_contained_html_file_with_charts_and_japanese_text()
    {
        var file = Path.Combine(_folder, "x.html");
        var outcome = CliProcess.Run("report", CliProcess.Sample("inspection"), "-o", file);
        Assert.Equal(0, outcome.ExitCode);
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(file));

        var charts = Svg().Matches(html).Select(match => match.Value).ToList();
        Assert.Equal(3, charts.Count); // payback curves, tornado of value, tornado of break-even
        var chartTexts = charts.SelectMany(svg => SvgText().Matches(svg).Select(match => match.Groups[1].Value.Trim())).ToList();
        Assert.Contains("before_people (出品審査チーム)", chartTexts);
        Assert.Contains(chartTexts, text => text.StartsWith("ten-checkers-short-shifts (break-even 65 days)", StringComparison.Ordinal));

        Assert.Contains("As a buyer, I only ever see genuine items in every category.", html);
        Assert.Contains("cost_before = before_people × hours_per_day × hourly_cost", html);
        Assert.Contains("= (20 people) × (7.5 h/day) × (1,200 JPY/h)", html);
        Assert.Contains("= 180,000 JPY/day − 18,000 JPY/day", html);
        Assert.Contains("162,000 JPY/day", html);
        Assert.Contains("<h3>人事部</h3>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Report_with_a_goal_seek_states_the_answer()
    {
        var file = Path.Combine(_folder, "seek.html");
        var outcome = CliProcess.Run("report", CliProcess.Sample("churn-value"), "-o", file, "--seek", "churn_after");
        Assert.Equal(0, outcome.ExitCode);
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(file));
        Assert.Contains("Goal seek", html);
        Assert.Contains("'churn_after' must be at most", html);
    }

    [Fact]
    public void Report_on_bad_input_writes_nothing_and_exits_2()
    {
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), "name: t\nstatement: s\nvalue:\n  value: 1 JPY\n");
        var file = Path.Combine(_folder, "bad.html");
        var outcome = CliProcess.Run("report", _folder, "-o", file);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("flywheel.yaml:4:10: value: must be money per time", outcome.Stderr);
        Assert.False(File.Exists(file));
    }
}
