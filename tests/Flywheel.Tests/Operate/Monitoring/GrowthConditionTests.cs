using Flywheel.Operate.Monitoring.Growth;

namespace Flywheel.Tests.Operate.Monitoring;

public class GrowthConditionTests
{
    private static readonly DateOnly Day0 = new(2026, 11, 1);

    private static readonly GrowthBaselines Plan = new("recall", true, new Dictionary<string, double> { ["manual-outreach"] = 0.28, ["service-calls-rule"] = 0.5 }, -2_033_000, "plan step 'manual-outreach'");

    private static List<AccuracyPoint> Accuracy(string version, double recall, int from, int days) =>
        Enumerable.Range(from, days).Select(d => new AccuracyPoint(Day0.AddDays(d), version, "recall", recall, 100)).ToList();

    private static List<DataPoint> Labels(params long[] perDay) =>
        perDay.Select((n, d) => new DataPoint(Day0.AddDays(d), 1000, n, 1000 * (d + 1), perDay.Take(d + 1).Sum())).ToList();

    private static List<KpiPoint> Kpi(double perDay, int days) => Enumerable.Range(0, days).Select(d => new KpiPoint(Day0.AddDays(d), perDay, 1_000_000, "JPY")).ToList();

    [Fact]
    public void Each_condition_is_met_on_a_cycle_that_turns()
    {
        var accuracy = Accuracy("churn:1", 0.62, 0, 10).Concat(Accuracy("churn:2", 0.70, 10, 10)).ToList();
        var conditions = GrowthConditions.Judge(Labels(10, 12, 15, 20, 30, 40), accuracy, Kpi(500_000, 10), Plan);
        Assert.All(conditions, c => Assert.Equal(GrowthVerdicts.Met, c.Verdict));
        Assert.Equal(0.70, conditions[0].Figures["production"]!.Value, 12); // the last 7 days are all churn:2
        Assert.Equal(0.5, conditions[0].Figures["service-calls-rule"]);
        Assert.Equal(500_000, conditions[1].Figures["realizedPerDay"]);
        Assert.Equal(30, conditions[2].Figures["labelsPerDayLater"]!.Value, 12); // (20 + 30 + 40) / 3
        Assert.Equal(37.0 / 3, conditions[2].Figures["labelsPerDayEarlier"]!.Value, 12); // (10 + 12 + 15) / 3
    }

    [Fact]
    public void Contrary_figures_make_each_condition_not_met()
    {
        // recall 0.45 does not beat the rule's 0.5; the realized value is below the manual step's; labels shrink and v2 is worse.
        var accuracy = Accuracy("churn:1", 0.48, 0, 5).Concat(Accuracy("churn:2", 0.45, 5, 5)).ToList();
        var conditions = GrowthConditions.Judge(Labels(40, 30, 20, 10), accuracy, Kpi(-2_500_000, 7), Plan);
        Assert.All(conditions, c => Assert.Equal(GrowthVerdicts.NotMet, c.Verdict));
        Assert.Equal(-2_500_000, conditions[1].Figures["realizedPerDay"]);
        Assert.Equal(0.48, conditions[2].Figures["recall:churn:1"]);
        Assert.Equal(0.45, conditions[2].Figures["recall:churn:2"]);
    }

    [Fact]
    public void Without_the_figures_a_condition_needs_it_has_no_evidence()
    {
        var conditions = GrowthConditions.Judge(Labels(10), [], [], Plan with { StepFigures = new Dictionary<string, double>() });
        Assert.All(conditions, c => Assert.Equal(GrowthVerdicts.NoEvidence, c.Verdict));
        // Labels grow but only one version was measured: still no evidence for the third, not a verdict either way.
        var one = GrowthConditions.MoreUseBetterModel(Labels(1, 2, 3, 4), Accuracy("churn:1", 0.6, 0, 4), Plan);
        Assert.Equal(GrowthVerdicts.NoEvidence, one.Verdict);
        Assert.Equal(GrowthVerdicts.NoEvidence, GrowthConditions.SolvesProblem(Accuracy("churn:1", 0.6, 0, 4), Plan with { Metric = null }).Verdict);
    }

    [Fact]
    public void Versions_order_by_number_and_a_lower_is_better_metric_improves_downwards()
    {
        var rmse = new GrowthBaselines("rmse", false, new Dictionary<string, double>(), 0, "no action: 0");
        var points = new List<AccuracyPoint> { new(Day0, "house:9", "rmse", 30, 10), new(Day0.AddDays(1), "house:10", "rmse", 25, 10) };
        var condition = GrowthConditions.MoreUseBetterModel(Labels(1, 5), points, rmse);
        Assert.Equal(GrowthVerdicts.Met, condition.Verdict);
        Assert.Equal(25, condition.Figures["rmse:house:10"]);
    }

    [Fact]
    public void Baselines_come_from_the_plan_steps_declared_figures()
    {
        var useCase = Flywheel.UseCases.UseCaseLoader.Load(Flywheel.Tests.Workflows.UseCaseFolder.Repo("samples/churn"), Flywheel.Tests.Workflows.UseCaseFolder.Samples);
        var baselines = GrowthEvidence.Baselines(useCase);
        Assert.Equal("recall", baselines.Metric);
        Assert.Equal(0.28, baselines.StepFigures["manual-outreach"]);
        Assert.Equal(-2_033_000, baselines.NoModelValuePerDay);
    }
}
