using Flywheel.UseCases;

namespace Flywheel.Tests.UseCases;

public class PlanSectionTests
{
    private static UseCase Parse(string plan) => UseCaseLoader.Parse($"name: n\nstatement: s\nplan:\n{plan}", "flywheel.yaml");

    private const string Steps = """
          metric: { name: leavers reached, figure: model.recall }
          steps:
            - name: manual
              kind: manual
              owner: Retention team
              measured: { metric: 0.2, value_per_day: 30000 JPY/day }
              costs: { operation: 900000 JPY/month }
              duration: 1 month
              go: value_per_day > 100000 JPY/day
            - name: calls
              kind: rule
              rule: calls >= 4
            - name: model
              kind: ml
        """;

    [Fact]
    public void Reads_ordered_steps_with_kinds_costs_figures_and_criteria()
    {
        var plan = Parse(Steps).Plan!;
        Assert.Equal(("leavers reached", "model.recall"), (plan.Metric.Name, plan.Metric.Figure));
        Assert.Equal(["manual", "calls", "model"], plan.Steps.Select(s => s.Name));
        Assert.Equal([PlanStepKind.Manual, PlanStepKind.Rule, PlanStepKind.Ml], plan.Steps.Select(s => s.Kind));
        var manual = plan.Steps[0];
        Assert.Equal("Retention team", manual.Owner);
        Assert.Equal(["metric", "value_per_day"], manual.Measured.Select(f => f.Name));
        Assert.Equal("900000 JPY/month", manual.Costs.Operation!.Value);
        Assert.Equal("value_per_day > 100000 JPY/day", manual.Go!.Value);
        Assert.Equal(("flywheel.yaml", 12, 11), (manual.Go.Position.File, manual.Go.Position.Line, manual.Go.Position.Column));
        Assert.Equal("calls >= 4", plan.Steps[1].Rule!.Value);
        Assert.Null(plan.Steps[2].Model);
    }

    [Fact]
    public void A_plain_metric_is_its_own_figure()
    {
        var plan = Parse("  metric: decision.value_per_item\n  steps:\n    - { name: m, kind: ml }\n").Plan!;
        Assert.Equal(("decision.value_per_item", "decision.value_per_item"), (plan.Metric.Name, plan.Metric.Figure));
    }

    [Theory]
    [InlineData("  metric: m\n  steps:\n    - { name: a, kind: ml, colour: red }\n", "unknown key 'colour' in 'plan.steps[1]'", 6, 28)]
    [InlineData("  metric: m\n  stepz: []\n", "'plan' needs the key 'steps'", 4, 3)]
    [InlineData("  metric: m\n  steps: []\n", "'plan.steps' must be a list of steps", 5, 10)]
    [InlineData("  metric: m\n  steps:\n    - { name: a, kind: robot }\n", "must be manual, rule or ml, not 'robot'", 6, 24)]
    [InlineData("  metric: m\n  steps:\n    - { name: a, kind: rule }\n", "is a rule step and needs 'rule'", 6, 7)]
    [InlineData("  metric: m\n  steps:\n    - { name: a, kind: ml, rule: x > 1 }\n", "only a rule step holds a 'rule'", 6, 34)]
    [InlineData("  metric: m\n  steps:\n    - { name: a, kind: rule, rule: x > 1, measured: { metric: 1 } }\n", "only a manual step declares 'measured'", 6, 53)]
    [InlineData("  metric: m\n  steps:\n    - { name: a, kind: ml }\n    - { name: a, kind: ml }\n", "two steps named 'a'", 7, 15)]
    [InlineData("  metric: m\n  steps:\n    - { name: 'a b', kind: ml }\n", "may hold only letters", 6, 15)]
    [InlineData("  metric: { name: x }\n  steps:\n    - { name: a, kind: ml }\n", "'plan.metric' needs the key 'figure'", 4, 11)]
    [InlineData("  metric: m\n  steps:\n    - { name: a, kind: ml, costs: { build: 1 JPY } }\n", "unknown key 'build' in 'plan.steps[1].costs'", 6, 37)]
    public void Mistakes_are_refused_at_their_line_and_column(string plan, string message, int line, int column)
    {
        var error = Assert.Throws<InputException>(() => Parse(plan));
        Assert.Contains(message, error.Message);
        Assert.Equal(("flywheel.yaml", line, column), (error.File, error.Line, error.Column));
    }
}
