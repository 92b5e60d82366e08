namespace Flywheel.Cli.Tests.Value;

/// <summary>Each kind of bad input is refused with file:line:column, exit code 2 and no stack trace.</summary>
public sealed class ValueErrorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "flywheel-value-" + Guid.NewGuid().ToString("N"));

    public ValueErrorTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CliProcess.Outcome RunOn(string valueSection)
    {
        var file = Path.Combine(_folder, "flywheel.yaml");
        File.WriteAllText(file, "name: t\nstatement: s\nvalue:\n" + valueSection);
        return CliProcess.Run("value", _folder);
    }

    [Theory]
    [InlineData("  value: 1 JPY/day\n  horizont: 3 year\n", "unknown key 'horizont'", 5, 3)]
    [InlineData("  value: 3 JPY/fortnight\n", "unknown unit 'fortnight'", 4, 16)]
    [InlineData("  value: x * 1 JPY/day\n", "'x' is not defined", 4, 10)]
    [InlineData("  parameters:\n    c: { value: 0, unit: 1/month }\n  value: 1 JPY/day / c\n", "division by zero: parameter 'c' is 0", 6, 22)]
    [InlineData("  parameters:\n    a: { value: 1, unit: JPY/day }\n  value: a - 1 JPY\n", "cannot subtract JPY from JPY/day", 6, 10)]
    [InlineData("  formulas:\n    a: b\n    b: a\n  value: a\n", "a → b → a", 5, 8)]
    [InlineData("  value: [1, 2\n", "not valid YAML", 5, 1)]
    [InlineData("  value: (1 JPY/day\n", "expected `)`", 4, 20)]
    public void Bad_input_is_refused_with_its_position_and_exit_code_2(string valueSection, string message, int line, int column)
    {
        var outcome = RunOn(valueSection);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"flywheel.yaml:{line}:{column}: ", outcome.Stderr);
        Assert.Contains(message, outcome.Stderr);
        Assert.DoesNotContain("   at ", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void An_unknown_scenario_or_seek_parameter_is_refused_listing_what_exists()
    {
        var scenario = CliProcess.Run("value", CliProcess.Sample("inspection"), "--scenario", "eleven");
        Assert.Equal(2, scenario.ExitCode);
        Assert.Contains("no scenario 'eleven'; the scenarios are: base, ten-checkers, ten-checkers-short-shifts", scenario.Stderr);
        var seek = CliProcess.Run("value", CliProcess.Sample("inspection"), "--seek", "nobody");
        Assert.Equal(2, seek.ExitCode);
        Assert.Contains("no parameter 'nobody' to seek", seek.Stderr);
    }

    [Fact]
    public void Target_roi_without_seek_is_refused()
    {
        var outcome = CliProcess.Run("value", CliProcess.Sample("inspection"), "--target-roi", "2");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--seek", outcome.Stderr);
    }
}
