using System.Text.Json;

namespace Flywheel.Cli.Tests.Value;

public class ValueCommandTests
{
    [Fact]
    public void Json_output_is_one_object_with_scenarios_sensitivity_and_parameters()
    {
        var outcome = CliProcess.Run("value", CliProcess.Sample("inspection"), "--json");
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(["base", "ten-checkers", "ten-checkers-short-shifts"], scenarios.Select(s => s.GetProperty("name").GetString()));
        var perDay = scenarios.Select(s => s.GetProperty("valuePerDay").GetProperty("amount").GetDouble()).ToList();
        Assert.Equal([162_000, 90_000, 156_000], perDay);
        Assert.Equal("JPY/day", scenarios[0].GetProperty("valuePerDay").GetProperty("unit").GetString());
        Assert.Equal(10_000_000 / (162_000 - 100_000 / 30.4375), scenarios[0].GetProperty("breakEvenDays").GetDouble(), 1e-9);
        Assert.Equal("JPY", scenarios[0].GetProperty("cumulativeAtHorizon").GetProperty("unit").GetString());
        Assert.True(scenarios[0].GetProperty("roi").GetDouble() > 0);

        var sensitivity = json.RootElement.GetProperty("sensitivity").EnumerateArray().ToList();
        Assert.Equal(5, sensitivity.Count);
        Assert.Equal("hourly_cost", sensitivity[0].GetProperty("parameter").GetString());
        var low = sensitivity[0].GetProperty("low");
        Assert.Equal(1000, low.GetProperty("parameterValue").GetDouble());
        Assert.Equal(135_000, low.GetProperty("valuePerDay").GetProperty("amount").GetDouble(), 1e-6);
        Assert.Equal(10_000_000 / (135_000 - 100_000 / 30.4375), low.GetProperty("breakEvenDays").GetDouble(), 1e-9);
        Assert.Equal(202_500, sensitivity[0].GetProperty("high").GetProperty("valuePerDay").GetProperty("amount").GetDouble(), 1e-6);

        var owners = json.RootElement.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("owner").GetString()).ToList();
        Assert.Contains("出品審査チーム", owners);
    }

    [Fact]
    public void Json_seek_reports_the_most_people_that_still_pay_back()
    {
        var outcome = CliProcess.Run("value", CliProcess.Sample("inspection"), "--json", "--seek", "after_people");
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var seek = json.RootElement.GetProperty("seek");
        Assert.Equal("at most", seek.GetProperty("direction").GetString());
        Assert.Equal(20 - (10_000_000 / 1095.75 + 100_000 / 30.4375) / 9_000, seek.GetProperty("limit").GetDouble(), 1e-6);
    }

    [Fact]
    public void Tables_show_every_scenario_and_the_tornado()
    {
        var outcome = CliProcess.Run("value", CliProcess.Sample("inspection"));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("162,000 JPY/day", outcome.Stdout);
        Assert.Contains("90,000 JPY/day", outcome.Stdout);
        Assert.Contains("156,000 JPY/day", outcome.Stdout);
        Assert.Contains("Sensitivity", outcome.Stdout);
        Assert.Contains("人事部", outcome.Stdout);
    }

    [Fact]
    public void One_scenario_is_shown_beside_the_base()
    {
        var outcome = CliProcess.Run("value", CliProcess.Sample("churn-value"), "--json", "--scenario", "pessimistic");
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(["base", "pessimistic"], scenarios.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(450_000, scenarios[0].GetProperty("formulas").GetProperty("ltv_before").GetProperty("amount").GetDouble(), 1e-6);
        Assert.Equal(3.75, scenarios[0].GetProperty("formulas").GetProperty("ltv_cac_after").GetProperty("amount").GetDouble(), 1e-9);
    }
}
