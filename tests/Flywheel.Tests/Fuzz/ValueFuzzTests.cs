using System.Diagnostics;
using System.Text;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Fuzz;

/// <summary>Value models that are valid but hostile (huge) or that break only in a sweep, and names outside the alphabet.</summary>
[Trait("Category", "Fuzz")]
public class ValueFuzzTests
{
    private static string UseCase(string parameters, string value = "a / b", string extra = "") =>
        $"name: x\nstatement: s\nvalue:\n  parameters:\n{parameters}  value: {value}\n  costs: {{development: 1000 JPY}}\n  horizon: 1 year\n{extra}";

    public static TheoryData<FuzzCase> Cases => new()
    {
        new("division by zero at the low end of a range", UseCase("    a: {value: 10, unit: JPY/day}\n    b: {value: 1, range: [0, 2]}\n"),
            "the sensitivity sweep of 'b' over its range [0, 2] fails at the low end (0): value: division by zero", 7, 14),
        new("division by zero at the high end of a range", UseCase("    a: {value: 10, unit: JPY/day}\n    b: {value: -1, range: [-2, 0]}\n"),
            "fails at the high end (0)"),
        new("division by zero in the base", UseCase("    a: {value: 10, unit: JPY/day}\n    b: {value: 0}\n"), "division by zero"),
        new("a space in a parameter name", UseCase("    \"a b\": {value: 10, unit: JPY/day}\n    b: {value: 1}\n", "b * 1 JPY/day"), "'a b' is not a valid parameter name", 5, 5),
        new("a parameter name starting with a digit", UseCase("    1a: {value: 10, unit: JPY/day}\n    b: {value: 1}\n", "b * 1 JPY/day"), "'1a' is not a valid parameter name"),
        new("a hyphen in a parameter name", UseCase("    a-b: {value: 10, unit: JPY/day}\n    b: {value: 1}\n", "b * 1 JPY/day"), "'a-b' is not a valid parameter name"),
        new("an empty parameter name", UseCase("    \"\": {value: 10, unit: JPY/day}\n    b: {value: 1}\n", "b * 1 JPY/day"), "is not a valid parameter name"),
        new("a formula name with a slash", "name: x\nstatement: s\nvalue:\n  parameters:\n    a: {value: 10, unit: JPY/day}\n  formulas:\n    x/y: a * 2\n  value: a\n  costs: {development: 1000 JPY}\n  horizon: 1 year\n", "'x/y' is not a valid formula name", 7, 10),
        new("a trailing dot in a name", UseCase("    \"a.\": {value: 10, unit: JPY/day}\n    b: {value: 1}\n", "b * 1 JPY/day"), "is not a valid parameter name"),
        new("an emoji name", UseCase("    \"💰\": {value: 10, unit: JPY/day}\n    b: {value: 1}\n", "b * 1 JPY/day"), "is not a valid parameter name"),
        new("a NaN parameter", UseCase("    a: {value: .nan, unit: JPY/day}\n    b: {value: 1}\n"), "must be a number", 5, 16),
        new("an infinite parameter", UseCase("    a: {value: 1e400, unit: JPY/day}\n    b: {value: 1}\n"), "not a finite number"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_naming_the_sweep_or_name(FuzzCase fuzz) =>
        FuzzCase.Holds(fuzz, () => ValueAnalysis.Run(UseCaseLoader.Parse(fuzz.Input, "flywheel.yaml"), new ValueAnalysisOptions()));

    [Fact]
    public void Japanese_and_dotted_names_are_in_the_alphabet()
    {
        var result = ValueAnalysis.Run(UseCaseLoader.Parse(UseCase("    件数: {value: 10, unit: JPY/day}\n    model.recall: {value: 1}\n", "件数 * model.recall"), "flywheel.yaml"), new ValueAnalysisOptions());
        Assert.Equal(10, result.Base.ValuePerDay.Value);
    }

    [Fact]
    public void A_hundred_thousand_parameters_price_in_seconds()
    {
        var yaml = new StringBuilder("name: big\nstatement: s\nvalue:\n  parameters:\n");
        for (var i = 0; i < 100_000; i++) yaml.Append("    p").Append(i).Append(": {value: ").Append(i + 1).Append(", unit: JPY/day}\n");
        yaml.Append("  value: p0 + p1\n  costs:\n    development: 1000 JPY\n  horizon: 1 year\n");
        var clock = Stopwatch.StartNew();
        var result = ValueAnalysis.Run(UseCaseLoader.Parse(yaml.ToString(), "flywheel.yaml"), new ValueAnalysisOptions());
        // Before the fix the sweep grew faster than n² (16,000 parameters took 97 s); now it is linear.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(3, result.Base.ValuePerDay.Value);
        Assert.Equal(100_000, result.Sensitivity.Count);
        Assert.Equal(["p1", "p0"], result.Sensitivity.Take(2).Select(row => row.Parameter));
    }
}
