using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Value;

public class UseCaseTemplateTests
{
    private static ScenarioResult Evaluate(string template, string? scenario = null) =>
        ValueModel.Load(UseCaseLoader.Parse(UseCaseTemplates.Text(template, "t"), $"{template}.yaml")).Evaluate(scenario);

    [Theory]
    [InlineData("staffing", 162_000)]
    [InlineData("qcd", 9 * 150_000 / 30.4375 + 4 * 8 * 1500 + 40_000 * 0.05 * 30_000 / 3600)]
    [InlineData("churn", 10_000 * 0.004 * 750_000 / 30.4375)]
    [InlineData("review", 50_000 * 0.7 * 20 * 1800 / 3600)]
    [InlineData("blank", 100 * 50)]
    public void Every_template_loads_and_evaluates_to_its_hand_computed_value(string template, double perDay)
    {
        var result = Evaluate(template);
        Assert.Equal(perDay, result.ValuePerDay.Value, 1e-6);
        Assert.Equal("JPY/day", result.ValuePerDay.UnitText);
        Assert.NotNull(result.Payback.BreakEvenDays);
    }

    [Fact]
    public void Every_template_is_listed_and_every_scenario_evaluates()
    {
        foreach (var template in UseCaseTemplates.Names)
        {
            var model = ValueModel.Load(UseCaseLoader.Parse(UseCaseTemplates.Text(template, "t"), $"{template}.yaml"));
            Assert.All(model.EvaluateAll(), result => Assert.True(double.IsFinite(result.ValuePerDay.Value)));
            Assert.NotEmpty(SensitivityAnalysis.Run(model));
        }
    }

    [Fact]
    public void Churn_template_gives_ltv_to_cac_before_and_after()
    {
        var result = Evaluate("churn");
        Assert.Equal(2.25, result.Formulas["ltv_cac_before"].Value, 1e-9);
        Assert.Equal(3.75, result.Formulas["ltv_cac_after"].Value, 1e-9);
    }

    [Fact]
    public void Qcd_template_prices_quality_cost_and_delivery_separately()
    {
        var result = Evaluate("qcd");
        Assert.Equal(9 * 150_000 / 30.4375, result.Formulas["quality"].Value, 1e-6);
        Assert.Equal(48_000, result.Formulas["cost"].Value, 1e-6);
        Assert.Equal(40_000 * 0.05 * 30_000 / 3600.0, result.Formulas["delivery"].Value, 1e-6);
    }

    [Fact]
    public void The_template_takes_the_use_case_name()
    {
        Assert.Equal("my-case", UseCaseLoader.Parse(UseCaseTemplates.Text("blank", "my-case"), "f.yaml").Name);
    }

    [Fact]
    public void An_unknown_template_is_refused()
    {
        Assert.Contains("no template 'nope'", Assert.Throws<InputException>(() => UseCaseTemplates.Text("nope", "x")).Message);
    }
}
