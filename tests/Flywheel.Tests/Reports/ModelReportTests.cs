using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Results;
using Flywheel.Reports;
using Flywheel.Tests.Workflows;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Reports;

[Collection(ChurnModelCollection.Name)]
public class ModelReportTests(ChurnModel churn)
{
    [Fact]
    public void Value_by_threshold_prices_each_roc_point_at_the_base_rate()
    {
        // Two positives, two negatives; scores 0.9 (+), 0.6 (−), 0.4 (+), 0.1 (−).
        var roc = new Curve("roc", "fpr", "tpr", [0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1], [double.PositiveInfinity, 0.9, 0.6, 0.4, 0.1]);
        var outcomes = new BinaryOutcomeValues(-500, -500, -200_000, 0, "JPY");
        var values = ModelReportCharts.ValueByThreshold(roc, outcomes, 0.5);
        Assert.Equal([0.1, 0.4, 0.6, 0.9, 1.0], values.Select(v => v.Threshold));
        // At 0.4: TPR 1, FPR 0.5 → 0.5·(−500) + 0.5·(0.5·−500 + 0.5·0) = −375.
        Assert.Equal(-375, values[1].ValuePerItem, 9);
        // At 0.9: TPR 0.5, FPR 0 → 0.5·(0.5·−500 + 0.5·−200,000) = −50,125.
        Assert.Equal(-50_125, values[3].ValuePerItem, 9);
        // Nobody acted on: every positive is lost.
        Assert.Equal(-100_000, values[4].ValuePerItem, 9);
    }

    [Fact]
    public void The_model_page_has_every_section_with_inline_charts()
    {
        var outcome = churn.Outcome;
        var useCase = UseCaseLoader.Load(churn.Folder.Path);
        var html = ModelReport.Build(new ModelReportInput(useCase, outcome.Version, outcome.Record, outcome.Test, outcome.Validation)).ToHtml();
        foreach (var heading in new[] { "Leaderboard", "Learning curve", "Metrics", "Curves (test)", "Feature importance", "Decision", "Payback with this model" })
            Assert.Contains($"<h2>{heading}", html);
        Assert.True(html.Split("<svg").Length - 1 >= 8, "expected the learning, ROC, PR, calibration, confusion, importance, value and payback charts");
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.Contains(outcome.Record.Diagnosis!.Verdict, html);
        // The first section leads with money for the product manager, then the data scientist's detail.
        var model = html[html.IndexOf("<h2>Model", StringComparison.Ordinal)..html.IndexOf("<h2>Leaderboard", StringComparison.Ordinal)];
        Assert.True(model.IndexOf("Value per day", StringComparison.Ordinal) < model.IndexOf("Trainer", StringComparison.Ordinal));
        Assert.Contains("Value per item", model);
    }

    [Fact]
    public void The_evaluation_feeds_decision_variables_into_the_value_model()
    {
        var externals = ModelReport.Externals(churn.Outcome.Test);
        var decision = churn.Outcome.Test.Decision!;
        Assert.Equal(decision.ValuePerItem, externals["decision.value_per_item"].Value, 9);
        Assert.Equal(churn.Outcome.Test.Metric("auc")!.Value, externals["model.auc"].Value, 12);
        Assert.True(externals.ContainsKey("decision.value_per_day"));
    }

    [Fact]
    public void A_value_model_that_reads_decision_results_is_priced_with_them()
    {
        var useCase = UseCaseLoader.Parse("""
            name: churn-with-model
            statement: As a subscriber about to leave, I get an offer that keeps me.
            value:
              parameters:
                without_model: { value: -28000, unit: JPY/item, description: every churner lost when nobody gets an offer }
                customers_per_day: { value: 3000, unit: item/day }
              value: decision.value_per_day - without_model * customers_per_day
              costs: { development: 10000000 JPY, operation: 100000 JPY/month, delay: 3 month }
              horizon: 3 year
            """, "churn-with-model.yaml");
        var decision = churn.Outcome.Test.Decision!;
        var priced = Flywheel.Value.ValueAnalysis.Run(useCase, externals: ModelReport.Externals(churn.Outcome.Test));
        Assert.Equal(decision.ValuePerDay!.Value + 28000 * 3000, priced.Base.ValuePerDay.Value, 6);

        var html = ModelReport.Build(new ModelReportInput(useCase, "churn:1", churn.Outcome.Record, churn.Outcome.Test, churn.Outcome.Validation)).ToHtml();
        Assert.Contains("<h2>Payback with this model", html);
        Assert.DoesNotContain("reads none of these variables", html);
    }
}
