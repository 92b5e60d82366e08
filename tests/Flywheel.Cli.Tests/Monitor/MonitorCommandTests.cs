using System.Text.Json;
using Flywheel.Storage;

namespace Flywheel.Cli.Tests.Monitor;

public sealed class MonitorCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-monitor-{Guid.NewGuid():N}");

    public MonitorCommandTests()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(CliProcess.Sample("churn"), "flywheel.yaml"), Path.Combine(_folder, "flywheel.yaml"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_unknown_endpoint_is_exit_2_naming_the_argument_and_the_known_endpoints()
    {
        MetadataStore.ForUseCase(_folder);
        var outcome = CliProcess.Run("monitor", "no-such-endpoint", "-d", _folder, "--json");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("ENDPOINT|DIR", outcome.Stderr);
        Assert.Contains("no-such-endpoint", outcome.Stderr);
        Assert.Contains("endpoints: none", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--since", "0h")]
    [InlineData("--until", "soon")]
    public void A_bad_time_is_exit_2_naming_the_option(string option, string value)
    {
        var outcome = CliProcess.Run("monitor", _folder, option, value, "--json");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(option, outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void Growth_of_a_use_case_without_capture_prints_the_three_conditions_without_evidence()
    {
        var output = Path.Combine(_folder, "growth.html");
        var outcome = CliProcess.Run("growth", _folder, "--json", "-o", output);
        Assert.Equal(0, outcome.ExitCode);
        var growth = JsonSerializer.Deserialize<JsonElement>(outcome.Stdout);
        Assert.Equal("telco-churn", growth.GetProperty("useCase").GetString());
        Assert.Equal("recall", growth.GetProperty("metric").GetString());
        var conditions = growth.GetProperty("conditions").EnumerateArray().ToList();
        Assert.Equal(["solves-problem", "moves-kpi", "more-use-better-model"], conditions.Select(c => c.GetProperty("id").GetString()));
        Assert.All(conditions, c => Assert.Equal("no evidence", c.GetProperty("verdict").GetString()));
        Assert.Contains("Growth cycle: telco-churn", File.ReadAllText(output));
    }
}
