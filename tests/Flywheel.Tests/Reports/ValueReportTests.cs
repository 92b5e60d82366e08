using System.Net;
using Flywheel.Reports;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Reports;

public class ValueReportTests
{
    private static string Html(string yamlValueSection, ValueAnalysisOptions? options = null)
    {
        var yaml = "name: t\nstatement: As a tester, I see every number.\nvalue:\n"
            + string.Join("\n", yamlValueSection.Split('\n').Select(line => "  " + line)) + "\n";
        var result = ValueAnalysis.Run(UseCaseLoader.Parse(yaml, "f.yaml"), options);
        return WebUtility.HtmlDecode(ValueReport.Build(result).ToHtml());
    }

    [Fact]
    public void Parameters_without_an_owner_are_grouped_apart()
    {
        var html = Html("parameters:\n  a: { value: 2, unit: JPY/day, owner: 営業部 }\n  b: { value: 3, unit: JPY/day }\nvalue: a + b");
        Assert.Contains("<h3>営業部</h3>", html);
        Assert.Contains("<h3>(no owner)</h3>", html);
    }

    [Fact]
    public void A_scenario_that_never_breaks_even_says_so_and_has_no_break_even_tornado()
    {
        var html = Html("parameters:\n  a: { value: 2, unit: JPY/day }\nvalue: a\ncosts: { operation: 5 JPY/day }");
        Assert.Contains("base (never breaks even)", html);
        Assert.Contains("never", html);
        Assert.DoesNotContain("Sensitivity of break-even", html);
    }

    [Fact]
    public void Formulas_are_written_out_with_their_numbers_and_descriptions()
    {
        var html = Html("parameters:\n  n: { value: 4, unit: items/day }\n  p: 250 JPY/item\nformulas:\n  saved: { formula: n * p, unit: JPY/month, description: what the items are worth }\nvalue: saved");
        Assert.Contains("# what the items are worth", html);
        Assert.Contains("saved = n × p", html);
        Assert.Contains("= (4 items/day) × (250 JPY/item)", html);
        Assert.Contains("= 30,438 JPY/month", html);
        Assert.Contains("value = saved", html);
    }

    [Fact]
    public void A_failed_goal_seek_is_shown_as_a_problem()
    {
        var html = Html("parameters:\n  a: { value: 2, unit: JPY/day }\nvalue: min(a, 3 JPY/day)\ncosts: { operation: 5 JPY/day }",
            new ValueAnalysisOptions(SeekParameter: "a"));
        Assert.Contains("no value of 'a' meets the goal", html);
    }

    [Fact]
    public void The_review_queues_staffing_is_a_key_figure_even_when_no_formula_uses_it()
    {
        var useCase = UseCaseLoader.Parse("name: t\nstatement: As a tester, I see every number.\nvalue:\n  parameters:\n    a: { value: 2, unit: JPY/day }\n  value: a\n", "f.yaml");
        var measured = MeasuredVariables.From("t:1", "test", new Dictionary<string, (double, string)>())
            .With("measured on the review queue of t, last 7 days", new Dictionary<string, (double, string)>
            {
                ["review.people"] = (0.25, "person"), ["review.minutes_per_item"] = (2, "min/item"), ["review.share"] = (0.125, ""),
            });
        var figure = ValueReport.ReviewStaffingFigure(ValueAnalysis.Run(useCase, measured: measured));
        Assert.Equal(new KeyFigure("Reviewers the queue needs", "0.25 people", "2 min an item; 12.5 % of rows reviewed; measured on the review queue of t, last 7 days"), figure);
        Assert.Null(ValueReport.ReviewStaffingFigure(ValueAnalysis.Run(useCase)));
    }
}
