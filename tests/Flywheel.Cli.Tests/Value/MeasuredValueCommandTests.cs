using System.Text.Json;

namespace Flywheel.Cli.Tests.Value;

/// <summary>
/// The measured value flows back: on a copy of samples/churn, <c>value --json</c> prices with the placeholder until a
/// model is trained, then with the model's measured decision.value_per_day, labelled with the model.
/// </summary>
public sealed class MeasuredValueCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-measured-{Guid.NewGuid():N}");

    public MeasuredValueCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        File.Copy(Path.Combine(CliProcess.Sample("churn"), "flywheel.yaml"), Path.Combine(_folder, "flywheel.yaml"));
        File.Copy(Path.Combine(CliProcess.Sample("churn"), "data", "mlc_churn.csv"), Path.Combine(_folder, "data", "mlc_churn.csv"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private JsonElement Value(params string[] extra)
    {
        var run = CliProcess.RunIn(_folder, ["value", _folder, "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static JsonElement Variable(JsonElement root, string name) =>
        root.GetProperty("modelVariables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    [Fact]
    public void Value_uses_the_placeholder_until_a_model_is_trained_then_the_measured_figure()
    {
        var before = Value();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("model").ValueKind);
        var placeholder = Variable(before, "decision.value_per_day");
        Assert.Equal(-50_000, placeholder.GetProperty("value").GetProperty("amount").GetDouble());
        Assert.False(placeholder.GetProperty("measured").GetBoolean());
        Assert.Equal("placeholder — no model trained yet", placeholder.GetProperty("source").GetString());
        // 100 customers/day × 0.1414 × 200,000 JPY − 50,000 JPY/day
        Assert.Equal(2_778_000, before.GetProperty("scenarios")[0].GetProperty("valuePerDay").GetProperty("amount").GetDouble(), 6);
        Assert.False(Directory.Exists(Path.Combine(_folder, ".flywheel")), "looking for a model must not create a store");

        var train = CliProcess.RunIn(_folder, "train", _folder, "--max-trials", "2", "--budget", "20s", "--seed", "3");
        Assert.True(train.ExitCode == 0, train.Stderr);
        var evaluate = CliProcess.RunIn(_folder, "evaluate", _folder, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        var measuredPerDay = JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("decision").GetProperty("valuePerDay").GetDouble();

        var after = Value();
        Assert.Equal("telco-churn:1", after.GetProperty("model").GetProperty("name").GetString());
        var measured = Variable(after, "decision.value_per_day");
        Assert.True(measured.GetProperty("measured").GetBoolean());
        Assert.Equal("measured on test, model telco-churn:1", measured.GetProperty("source").GetString());
        Assert.Equal(measuredPerDay, measured.GetProperty("value").GetProperty("amount").GetDouble(), 3);
        Assert.Equal(2_828_000 + measuredPerDay, after.GetProperty("scenarios")[0].GetProperty("valuePerDay").GetProperty("amount").GetDouble(), 3);
        var parameter = after.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "decision.value_per_day");
        Assert.True(parameter.GetProperty("measured").GetBoolean());
        // A measured figure without a declared range is not swept.
        Assert.DoesNotContain(after.GetProperty("sensitivity").EnumerateArray(), row => row.GetProperty("parameter").GetString() == "decision.value_per_day");

        Assert.Equal("telco-churn:1", Value("--model", "telco-churn:1").GetProperty("model").GetProperty("name").GetString());
        var unknown = CliProcess.RunIn(_folder, "value", _folder, "--model", "telco-churn:7");
        Assert.Equal(3, unknown.ExitCode); // not found
        Assert.Contains("error: version: model 'telco-churn' has no version 7; versions: 1", unknown.Stderr);
    }

    [Fact]
    public void Run_writes_the_value_page_with_the_model_it_just_trained()
    {
        var pages = Path.Combine(_folder, "pages");
        var run = CliProcess.RunIn(_folder, "run", _folder, "--max-trials", "1", "--budget", "20s", "--seed", "3", "-o", pages);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var value = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(pages, "value.html")));
        Assert.Contains("Value with model telco-churn:1", value);
        Assert.Contains("measured on test, model telco-churn:1", value);
        Assert.DoesNotContain("no model trained yet", value);
    }

    [Fact]
    public void An_unknown_model_before_any_training_is_a_clear_error()
    {
        var run = CliProcess.RunIn(_folder, "value", _folder, "--model", "telco-churn@production");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: --model: unknown model 'telco-churn@production': no model has been trained for use case 'telco-churn' yet", run.Stderr);

        var report = CliProcess.RunIn(_folder, "report", _folder, "--model", "nosuch:2", "-o", Path.Combine(_folder, "r.html"));
        Assert.Equal(3, report.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "r.html")));
    }
}
