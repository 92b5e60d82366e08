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

/// <summary>The later stages' sections every template carries commented out: uncommented, they make a valid use case.</summary>
public class UseCaseTemplateLaterSectionsTests
{
    private static readonly string[] Sections = ["units", "data", "training", "decision", "plan"];

    /// <summary>Deletes the leading "# " of every line of a commented section: from "# data:" to the next blank line.</summary>
    internal static string Uncomment(string text, IReadOnlyCollection<string> sections)
    {
        var lines = new List<string>();
        var inside = false;
        foreach (var line in text.Split('\n'))
        {
            if (sections.Any(section => line == $"# {section}:")) inside = true;
            else if (!line.StartsWith("# ", StringComparison.Ordinal)) inside = false;
            lines.Add(inside ? line[2..] : line);
        }
        return string.Join('\n', lines);
    }

    public static TheoryData<string> Templates() => [.. UseCaseTemplates.Names];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Uncommenting_every_later_section_gives_a_valid_use_case(string template)
    {
        var text = UseCaseTemplates.Text(template, "t");
        Assert.Null(UseCaseLoader.Parse(text, "flywheel.yaml").Data);

        var useCase = UseCaseLoader.Parse(Uncomment(text, Sections), "flywheel.yaml");
        Assert.Equal("data/your-data.csv", useCase.Data!.Source.Value);
        Assert.Equal("auto", useCase.Training!.Task);
        Assert.Equal(["application", "applications", "申込"], useCase.Units.Counts.Select(c => c.Value));
        Assert.Equal(3, useCase.Plan!.Steps.Count);
        var decision = Flywheel.Evaluation.Decisions.DecisionSettings.From(useCase.Decision!);
        Assert.Equal(-20_000, decision.Binary!.FalseNegative);
        Assert.Equal(100, decision.Options.VolumePerDay);
        // The value model still prices as before: the later sections do not change it.
        Assert.Equal(ValueModel.Load(UseCaseLoader.Parse(text, "f.yaml")).Evaluate().ValuePerDay.Value, ValueModel.Load(useCase).Evaluate().ValuePerDay.Value, 1e-9);
    }

    [Theory]
    [InlineData("units")]
    [InlineData("data")]
    [InlineData("training")]
    [InlineData("decision")]
    [InlineData("plan")]
    public void Each_commented_section_parses_on_its_own(string section)
    {
        var useCase = UseCaseLoader.Parse(Uncomment(UseCaseTemplates.Text("churn", "t"), [section]), "flywheel.yaml");
        object? read = section switch
        {
            "units" => useCase.Units.Counts.Count > 0 ? useCase.Units : null,
            "data" => useCase.Data,
            "training" => useCase.Training,
            "decision" => useCase.Decision,
            _ => useCase.Plan,
        };
        Assert.NotNull(read);
    }
}
