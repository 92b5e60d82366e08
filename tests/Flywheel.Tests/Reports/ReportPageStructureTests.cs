using Flywheel.Data.Diagnosis;
using Flywheel.Reports;
using Flywheel.Reports.Charts;
using Flywheel.Tests.Workflows;
using Flywheel.UseCases;
using Flywheel.Value;
using Flywheel.Workflows;

namespace Flywheel.Tests.Reports;

/// <summary>Golden-ish structure of the data, model and plan pages as documents, and their JSON round trips.</summary>
[Collection(ChurnModelCollection.Name)]
public class ReportPageStructureTests(ChurnModel churn)
{
    private static void RoundTrips(ReportDocument document)
    {
        var json = document.ToJson();
        Assert.Equal(json, ReportJson.Deserialize(json).ToJson());
    }

    private static IEnumerable<string> Kinds(ReportSection section) => section.Blocks.Select(block => block.GetType().Name);

    [Fact]
    public void The_data_page_is_summary_findings_missing_target_correlations_columns()
    {
        var (profile, diagnosis) = DataAnalysis.Diagnose(UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv"), target: "churn");
        var document = DataReport.Build(profile, diagnosis);
        Assert.Equal(["Summary", "Findings", "Missing values", "Target: churn", "Correlations", "Columns"], document.Sections.Select(section => section.Heading));
        var figures = document.Sections[0].Blocks.OfType<KeyFiguresBlock>().Single().Figures;
        Assert.Equal(["Rows", "Columns", "Findings", "Readiness"], figures.Select(figure => figure.Label));
        Assert.Equal("5,000", figures[0].Value);
        var columns = document.Find("Columns")!.Tables.First();
        Assert.Equal(["column", "kind", "missing", "distinct", "summary"], columns.Headers);
        Assert.Equal(profile.Columns.Count, columns.Rows.Count);
        Assert.All(document.Find("Correlations")!.Blocks, block => Assert.IsType<HeatmapChart>(Assert.IsType<ChartBlock>(block).Chart));
        RoundTrips(document);
    }

    [Fact]
    public void The_model_page_leads_with_the_model_then_leaderboard_metrics_importance_decision_payback()
    {
        var outcome = churn.Outcome;
        var useCase = UseCaseLoader.Load(churn.Folder.Path);
        var document = ModelReport.Build(new ModelReportInput(useCase, outcome.Version, outcome.Record, outcome.Test, outcome.Validation));
        var headings = document.Sections.Select(section => section.Heading).ToList();
        Assert.Equal("Model", headings[0]);
        string[] inOrder = ["Leaderboard", "Metrics", "Curves (test)", "Feature importance", "Decision", "Payback with this model"];
        Assert.Equal(inOrder, headings.Where(inOrder.Contains));

        var leaderboard = document.Find("Leaderboard")!.Tables.Single();
        Assert.Equal(["rank", "trial", "trainer", outcome.Record.Objective, "seconds", "hyperparameters"], leaderboard.Headers);
        Assert.Equal("1", leaderboard.Rows[0][0].Text);
        Assert.Contains("of 3 trials", leaderboard.Caption);
        Assert.DoesNotContain(leaderboard.Rows.SelectMany(row => row).Select(cell => cell.Text), text => text.Contains("E+", StringComparison.Ordinal) || text.Contains("E-", StringComparison.Ordinal));

        var metrics = document.Find("Metrics")!.Tables.First();
        Assert.Equal(["metric", "validation", "test", "better"], metrics.Headers);
        Assert.Equal(NumberText.Number(outcome.Test.Metric("auc")!.Value), metrics.Row("auc")![2].Text);
        var importance = Assert.IsType<ChartBlock>(Assert.Single(document.Find("Feature importance")!.Blocks));
        Assert.IsType<BarChart>(importance.Chart);
        RoundTrips(document);
    }

    [Fact]
    public void The_plan_section_has_cards_one_table_and_one_chart_and_the_verdicts_carry_their_tone()
    {
        using var folder = UseCaseFolder.FromSample("churn", "data/mlc_churn.csv");
        var useCase = UseCaseLoader.Load(folder.Path);
        var plan = PlanWorkflow.Run(useCase);
        var document = ValueReport.Build(ValueAnalysis.Run(useCase), plan);
        var section = document.Find("Staged plan")!;
        Assert.Equal(["ParagraphBlock", "KeyFiguresBlock", "TableBlock", "ChartBlock"], Kinds(section));
        var table = section.Tables.Single();
        Assert.Equal(["", "manual-outreach", "service-calls-rule", "model"], table.Headers);
        Assert.Equal(["kind", "owner", "figures", plan.Metric.Name, "value / day", "development", "operation / day", "duration", "break-even", "ROI at horizon", "go/no-go criterion", "verdict"],
            table.Rows.Select(row => row[0].Text));
        Assert.Equal(["manual", "rule", "ml"], table.Row("kind")!.Skip(1).Select(cell => cell.Text));
        Assert.Equal(plan.Steps.Select(step => step.Go switch { true => CellTone.Good, false => CellTone.Bad, null => CellTone.Warning }),
            table.Row("verdict")!.Skip(1).Select(cell => cell.Tone));
        Assert.All(table.Row("ROI at horizon")!.Skip(1), cell => Assert.Equal(CellKind.Percent, cell.Kind));
        RoundTrips(document);
    }
}
