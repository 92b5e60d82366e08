using Flywheel.UseCases;
using Flywheel.Value;
using Flywheel.Value.Plans;

namespace Flywheel.Tests.Value.Plans;

public class PlanPricingTests
{
    private static UseCase Load(string step) => UseCaseLoader.Parse($"""
        name: tiny
        statement: s
        value:
          parameters:
            loss: {"{"} value: 1000, unit: JPY/day {"}"}
          value: loss + decision.value_per_day
        plan:
          metric: model.recall
          steps:
        {step}
        """, "flywheel.yaml");

    private static PlanStepResult Price(string step, bool measured = true)
    {
        var useCase = Load(step);
        var plan = useCase.Plan!.Steps[0];
        var model = ValueModel.Load(useCase);
        return PlanPricing.Price(useCase, model, plan, measured ? PlanPricing.Declared(plan) : null, "declared");
    }

    private const string Manual = """
            - name: manual
              kind: manual
              measured: { metric: 0.3, decision.value_per_day: -400 JPY/day }
              costs: { development: 1200 JPY, operation: 30.4375 JPY/month }
        """ + "\n";

    [Fact]
    public void Figures_go_through_the_value_model_and_the_steps_own_costs()
    {
        var step = Price(Manual + "      go: value_per_day >= 600 JPY/day\n");
        // value = loss + decision.value_per_day = 1000 − 400 = 600 JPY/day; operation = 30.4375 JPY/month = 1 JPY/day.
        Assert.Equal(600, step.ValuePerDay!.Value.Value, 1e-9);
        Assert.Equal(0.3, step.Metric);
        Assert.Equal(1, step.Operation.Value, 1e-12);
        // break-even = 1200 / (600 − 1) days.
        Assert.Equal(1200.0 / 599, step.Payback!.BreakEvenDays!.Value, 1e-9);
        Assert.True(step.Go);
        Assert.Equal("go", step.Verdict);
    }

    [Theory]
    [InlineData("metric > 0.5", false)]
    [InlineData("metric >= 0.3", true)]
    [InlineData("value_per_day < 1 JPY/day", false)]
    [InlineData("decision.value_per_day > -500 JPY/day", true)]
    [InlineData("value_per_day > 20 JPY/h", true)]   // 600 JPY/day is 25 JPY/h
    public void The_criterion_is_a_comparison_with_units_over_the_figures(string criterion, bool go) =>
        Assert.Equal(go, Price(Manual + $"      go: {criterion}\n").Go);

    [Fact]
    public void Without_figures_the_step_is_not_judged()
    {
        var step = Price(Manual + "      go: metric > 0.1\n", measured: false);
        Assert.Null(step.Go);
        Assert.Null(step.ValuePerDay);
        Assert.Null(step.Payback);
        Assert.Equal("not judged yet", step.Verdict);
    }

    [Fact]
    public void A_declared_value_per_day_is_taken_as_it_is()
    {
        var step = Price("    - { name: m, kind: manual, measured: { value_per_day: 30000 JPY/day, metric: 0.2 } }\n");
        Assert.Equal(30000, step.ValuePerDay!.Value.Value);
        Assert.Null(step.Go);
        Assert.Equal("no criterion", step.Verdict);
    }

    [Theory]
    [InlineData("      go: value_per_day + 1 JPY/day\n", "must be a comparison", 14, 11)]
    [InlineData("      go: recal > 0.5\n", "has no figure 'recal'; its figures are: decision.value_per_day, metric, value_per_day", 14, 11)]
    [InlineData("      go: metric > 1 JPY\n", "cannot compare a plain number with JPY", 14, 11)]
    [InlineData("      duration: 3\n", "must be a time such as '2 month'", 14, 17)]
    public void Mistakes_in_a_criterion_or_duration_are_placed_in_the_file(string extra, string message, int line, int column)
    {
        var error = Assert.Throws<InputException>(() => Price(Manual + extra));
        Assert.Contains(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void A_cost_in_the_wrong_unit_is_refused()
    {
        var error = Assert.Throws<InputException>(() => Price("    - { name: m, kind: manual, measured: { value_per_day: 1 JPY/day }, costs: { operation: 5 JPY } }\n"));
        Assert.Contains("costs.operation: must be money per time", error.Message);
    }
}
