using System.Text.Json;

namespace Flywheel.Cli.Tests.Plan;

/// <summary><c>flywheel plan</c> on a copy of the churn sample (so its store lands in a temporary folder).</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-plan-{Guid.NewGuid():N}");

    public PlanCommandTests()
    {
        Directory.CreateDirectory(_folder);
        // The data is copied in: a source outside the use-case folder needs --data-root.
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        File.Copy(CliProcess.Sample("churn/data/mlc_churn.csv"), Path.Combine(_folder, "data", "mlc_churn.csv"));
        File.Copy(CliProcess.Sample("churn/flywheel.yaml"), Path.Combine(_folder, "flywheel.yaml"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Json_lists_every_step_with_metric_value_per_day_and_verdict()
    {
        var outcome = CliProcess.RunIn(_folder, "plan", _folder, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var steps = json.RootElement.GetProperty("steps");
        Assert.Equal(["manual-outreach", "service-calls-rule", "model"], steps.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["manual", "rule", "ml"], steps.EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        foreach (var step in steps.EnumerateArray())
            Assert.Equal("leavers who got an offer / all leavers", step.GetProperty("metric").GetProperty("name").GetString());

        // Manual: the team's figures through the value model: 100 × 0.1414 × 200,000 − 2,033,000 = 795,000 JPY/day.
        var manual = steps[0];
        Assert.Equal(0.28, manual.GetProperty("metric").GetProperty("value").GetDouble());
        Assert.Equal(795_000, manual.GetProperty("valuePerDay").GetProperty("amount").GetDouble(), 1e-6);
        Assert.Equal("JPY/day", manual.GetProperty("valuePerDay").GetProperty("unit").GetString());
        Assert.True(manual.GetProperty("go").GetBoolean());

        // Rule: measured on the 750 test rows — 65 of 106 leavers reached; 133 offers (65 + 68) and 41 missed leavers cost
        // (133 × 500 + 41 × 200,000) / 750 = 11,022 JPY a customer, 1,102,200 JPY a day; the value model adds back
        // the 2,828,000 JPY/day lost without any offer.
        var rule = steps[1];
        Assert.Equal(65.0 / 106, rule.GetProperty("metric").GetProperty("value").GetDouble(), 1e-9);
        Assert.Equal(-11_022, rule.GetProperty("figures").GetProperty("decision.value_per_item").GetProperty("amount").GetDouble(), 1e-6);
        Assert.Equal(2_828_000 - 1_102_200, rule.GetProperty("valuePerDay").GetProperty("amount").GetDouble(), 1e-6);
        Assert.True(rule.GetProperty("go").GetBoolean());
        Assert.Equal("telco-churn-service-calls-rule:1", rule.GetProperty("model").GetString());

        // ML: nothing trained in this folder yet, so the step cannot be judged.
        var ml = steps[2];
        Assert.Equal(JsonValueKind.Null, ml.GetProperty("go").ValueKind);
        Assert.Equal(JsonValueKind.Null, ml.GetProperty("valuePerDay").ValueKind);

        // The rule step is a model like any other: predict scores a CSV with it.
        var output = Path.Combine(_folder, "scored.csv");
        var predict = CliProcess.RunIn(_folder, "predict", "telco-churn-service-calls-rule@candidate", CliProcess.Sample("churn/data/mlc_churn.csv"), "-o", output);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        // Row 1: 1 service call but 265.1 day minutes > 250, so the rule offers: score 1, label yes (also the suggestion).
        Assert.EndsWith(",1,no,1,yes,automatic,yes", File.ReadLines(output).Skip(1).First());
    }

    [Fact]
    public void A_rule_naming_an_unknown_column_exits_2_at_its_place()
    {
        var file = Path.Combine(_folder, "flywheel.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("total_day_minutes > 250", "total_minutes > 250", StringComparison.Ordinal));
        var outcome = CliProcess.RunIn(_folder, "plan", _folder);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Matches(@"flywheel\.yaml:56:51: rule of plan step 'service-calls-rule': unknown column 'total_minutes'", outcome.Stderr);
    }
}
