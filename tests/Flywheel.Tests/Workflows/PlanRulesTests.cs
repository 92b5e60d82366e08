using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Evaluation;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

public class PlanRulesTests
{
    private static readonly UseCase UseCase = UseCaseLoader.Parse("""
        name: tiny
        statement: s
        data: { source: tiny.csv, target: churn, positive: "yes" }
        decision:
          volume: 100 customers/day
          outcomes: { tp: -500 JPY, fp: -500 JPY, fn: -200000 JPY, tn: 0 JPY }
        plan:
          metric: model.recall
          steps:
            - { name: phone, kind: manual }
            - { name: calls, kind: rule, rule: calls >= 4 }
            - { name: intl, kind: rule, rule: "plan == 'yes' and calls > 0" }
        """, "flywheel.yaml");

    private static readonly ColumnTable Table = new(
    [
        TableColumn.Numeric("calls", [5, 1, 4, 0, 2, 7]),
        TableColumn.Text("plan", ColumnKind.Boolean, ["false", "true", "true", "true", "false", "false"]),
        TableColumn.Text("churn", ColumnKind.Categorical, ["yes", "yes", "no", "no", "no", "yes"]),
    ]);

    private static readonly bool[] Churned = [true, true, false, false, false, true];

    [Fact]
    public void Every_rule_step_scores_one_where_it_holds_and_zero_elsewhere()
    {
        var decisions = PlanRules.Decisions(UseCase, Table, [0, 1, 2, 3, 4, 5]);
        Assert.Equal(["calls", "intl"], decisions.Select(d => d.Step));
        Assert.Equal([1, 0, 1, 0, 0, 1], decisions[0].Scores);
        Assert.Equal([0, 1, 1, 0, 0, 0], decisions[1].Scores);  // plan 'yes' (read as true) and at least one call
        Assert.Equal([1, 0], PlanRules.Decisions(UseCase, Table, [5, 3])[0].Scores);
    }

    [Fact]
    public void A_rule_is_priced_like_a_model_at_the_fixed_threshold_one_half()
    {
        var scores = PlanRules.Decisions(UseCase, Table, [0, 1, 2, 3, 4, 5])[0].Scores;
        var settings = DecisionSettings.From(UseCase.Decision!);
        var report = DecisionPolicy.Fixed(0.5, settings.Binary!, settings.Options).Evaluate(Churned, scores);
        // calls >= 4 acts on rows 0, 2, 5: tp = 2 (rows 0, 5), fp = 1 (row 2), fn = 1 (row 1), tn = 2.
        // (2 × −500 + 1 × −500 + 1 × −200,000 + 2 × 0) / 6 = −201,500 / 6 per customer, × 100 customers a day.
        Assert.Equal(-201_500.0 / 6, report.ValuePerItem, 1e-9);
        Assert.Equal(-201_500.0 / 6 * 100, report.ValuePerDay!.Value, 1e-6);
        Assert.Equal(new BinaryConfusion(TrueNegative: 2, FalsePositive: 1, FalseNegative: 1, TruePositive: 2), report.Confusion);
        var metrics = Evaluator.Binary(new BinaryPredictions(Churned, scores), new Flywheel.Tasks.BinaryClasses("no", "yes"));
        Assert.Equal(2.0 / 3, metrics.Metric("recall")!.Value, 1e-12);
        Assert.Equal(2.0 / 3, metrics.Metric("precision")!.Value, 1e-12);
    }

    [Fact]
    public void A_rule_may_not_read_the_target_or_an_unknown_column()
    {
        var reads = UseCase with { Plan = UseCase.Plan! with { Steps = [UseCase.Plan.Steps[1] with { Rule = new("churn == \"yes\"", new SourcePosition("flywheel.yaml", 11, 45)) }] } };
        var error = Assert.Throws<InputException>(() => PlanRules.Decisions(reads, Table, [0]));
        Assert.Contains("may not read column 'churn': it is the target", error.Message);
        Assert.Equal((11, 45), (error.Line, error.Column));
        var unknown = UseCase with { Plan = UseCase.Plan! with { Steps = [UseCase.Plan.Steps[1] with { Rule = new("minutes > 3", new SourcePosition("flywheel.yaml", 11, 45)) }] } };
        Assert.Contains("unknown column 'minutes'; the columns are: calls, plan", Assert.Throws<InputException>(() => PlanRules.Decisions(unknown, Table, [0])).Message);
    }

    [Fact]
    public void A_numeric_rule_is_refused_as_a_step_that_must_decide()
    {
        var numeric = UseCase with { Plan = UseCase.Plan! with { Steps = [UseCase.Plan.Steps[1] with { Rule = new("calls * 2", new SourcePosition("flywheel.yaml", 11, 45)) }] } };
        Assert.Contains("the rule gives a number", Assert.Throws<InputException>(() => PlanRules.Decisions(numeric, Table, [0])).Message);
    }
}
