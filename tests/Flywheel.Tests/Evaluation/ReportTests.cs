using System.Text.Json;
using Flywheel.Evaluation;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using Flywheel.Evaluation.Results;
using Flywheel.Tasks;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class ReportTests
{
    private static EvaluationReport BinaryReportWithDecision()
    {
        var outcomes = new BinaryOutcomeValues(-500, -500, -200_000, 0, "JPY");
        var options = new DecisionOptions(VolumePerDay: 3000, Review: new ReviewOptions(300, 3));
        var policy = DecisionPolicy.Optimize(TiedLabels, TiedScores, outcomes, options);
        return Evaluator.Binary(Tied(), new BinaryClasses("stays", "churns")) with { Decision = policy.Evaluate(TiedLabels, TiedScores) };
    }

    [Fact]
    public void Binary_report_holds_every_catalog_metric_and_the_confusion_matrix()
    {
        var report = BinaryReportWithDecision();
        Assert.Equal(MetricCatalog.Binary.Select(m => m.Name), report.Metrics.Select(m => m.Name));
        Near(0.5833333333333334, report.Metric("auc"));
        Assert.Equal(new long[][] { [2, 4], [2, 4] }, report.ConfusionMatrix!.Counts);
        Assert.Equal(["stays", "churns"], report.ConfusionMatrix.Classes);
        Assert.Equal(["roc", "precision_recall", "gain", "calibration"], report.Curves!.Select(c => c.Name));
    }

    [Fact]
    public void Json_has_the_agreed_names_and_writes_undefined_metrics_as_null()
    {
        var single = new BinaryPredictions([false, false], [0.2, 0.7]);
        var json = JsonDocument.Parse(EvaluationJson.Serialize(Evaluator.Binary(single))).RootElement;
        var auc = json.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "auc");
        Assert.Equal(JsonValueKind.Null, auc.GetProperty("value").ValueKind);
        Assert.Contains("only one class", auc.GetProperty("note").GetString());

        var full = JsonDocument.Parse(EvaluationJson.Serialize(BinaryReportWithDecision())).RootElement;
        Assert.Equal("binary", full.GetProperty("task").GetString());
        var decision = full.GetProperty("decision");
        foreach (var name in new[] { "threshold", "valuePerItem", "valuePerDay", "reviewBand", "reviewRate", "reviewerPeople", "automaticRate", "reviewerHoursPerDay", "valuePerItemAtHalf" })
            Assert.True(decision.TryGetProperty(name, out _), $"decision.{name} missing");
        Assert.Equal("Infinity", full.GetProperty("curves")[0].GetProperty("thresholds")[0].GetString());
    }

    [Fact]
    public void Json_reads_back_into_the_same_report()
    {
        var report = BinaryReportWithDecision();
        var back = JsonSerializer.Deserialize<EvaluationReport>(EvaluationJson.Serialize(report), EvaluationJson.Options)!;
        Assert.Equal(report.Metrics, back.Metrics);
        Assert.Equal(report.Decision! with { ReviewBand = null }, back.Decision! with { ReviewBand = null });
        Assert.Equal(report.Decision.ReviewBand, back.Decision.ReviewBand);
        Assert.Equal(report.ConfusionMatrix!.Counts, back.ConfusionMatrix!.Counts);
        Assert.Equal(report.Curves![0].Thresholds, back.Curves![0].Thresholds);
        Assert.Equal(report.Lift, back.Lift);
    }

    [Fact]
    public void Value_variables_carry_units_for_the_value_model()
    {
        var report = BinaryReportWithDecision();
        var variables = ValueVariables.From(report);
        Assert.Equal((report.Decision!.ValuePerDay!.Value, "JPY/day"), variables["decision.value_per_day"]);
        Assert.Equal((report.Decision.ReviewerPeople!.Value, "person"), variables["decision.reviewer_people"]);
        Assert.Equal("JPY/item", variables["decision.value_per_item"].Unit);
        Assert.Equal("h/day", variables["decision.reviewer_hours_per_day"].Unit);
        Near(0.6666666666666666, variables["model.recall"].Amount);
        Near(0.5, variables["model.precision"].Amount);
        Assert.True(variables.ContainsKey("decision.review_rate"));
    }

    [Fact]
    public void Undefined_metrics_are_left_out_of_the_variables()
    {
        var variables = ValueVariables.From(Evaluator.Binary(new BinaryPredictions([false, false], [0.2, 0.7])));
        Assert.False(variables.ContainsKey("model.auc"));
        Assert.True(variables.ContainsKey("model.accuracy"));
    }

    [Fact]
    public void Multiclass_and_regression_reports()
    {
        var multiclass = Evaluator.Multiclass(new MulticlassPredictions([0, 1, 2], [0, 2, 2], classCount: 3));
        Assert.Equal(3, multiclass.PerClass!.Count);
        Near(2 / 3.0, multiclass.Metric("accuracy"));
        var regression = Evaluator.Regression(new RegressionPredictions([1, 2], [1, 4]));
        Near(2, regression.Metric("mse"));
        Assert.Null(regression.ConfusionMatrix);
    }

    [Fact]
    public void Catalog_names_are_unique_per_task_and_described()
    {
        foreach (var group in MetricCatalog.Definitions.GroupBy(d => d.Task))
            Assert.Equal(group.Count(), group.Select(d => d.Name).Distinct().Count());
        Assert.All(MetricCatalog.Definitions, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
        Assert.False(MetricCatalog.Find(MlTask.Binary, "log_loss")!.HigherIsBetter);
        Assert.Null(MetricCatalog.Find(MlTask.Regression, "auc"));
    }
}

public class ValueModelBridgeTests
{
    [Fact]
    public void Decision_quantities_feed_a_value_formula_with_units()
    {
        var report = new Flywheel.Evaluation.Results.EvaluationReport("binary", 8, [], Decision: new Flywheel.Evaluation.Decisions.DecisionReport(
            "binary", "JPY", 8, 0.75, null, ValuePerItem: 162.5, ValuePerDay: 487_500, AutomaticRate: 0.375, ReviewRate: 0.625,
            ReviewerHoursPerDay: 93.75, ReviewerPeople: 12.5, ValuePerItemAtHalf: -37.5, Prevalence: 0.375, Confusion: null, ReviewedItems: 5, ValidationValuePerItem: null));
        var model = Flywheel.Tests.Value.ValueModelErrorTests.Build(
            "parameters:\n  wage: { value: 20000, unit: JPY/day }\nvalue: decision.value_per_day - decision.reviewer_people * wage");
        var result = model.Evaluate(null, Flywheel.Evaluation.ValueVariables.Quantities(report));
        Assert.Equal(487_500 - 12.5 * 20_000, result.ValuePerDay.Value, 1e-6);
    }
}
