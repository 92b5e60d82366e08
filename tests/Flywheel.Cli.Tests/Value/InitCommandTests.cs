using System.Text.Json;

namespace Flywheel.Cli.Tests.Value;

public sealed class InitCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "flywheel-init-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("staffing", 162_000)]
    [InlineData("review", 350_000)]
    public void Init_writes_a_template_that_value_can_price(string template, double perDay)
    {
        var init = CliProcess.Run("init", _folder, "--template", template);
        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "flywheel.yaml")));

        var value = CliProcess.Run("value", _folder, "--json");
        Assert.Equal(0, value.ExitCode);
        using var json = JsonDocument.Parse(value.Stdout);
        Assert.Equal(perDay, json.RootElement.GetProperty("scenarios")[0].GetProperty("valuePerDay").GetProperty("amount").GetDouble(), 1e-6);
    }

    [Fact]
    public void Init_refuses_to_overwrite_an_existing_file()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "flywheel.yaml");
        File.WriteAllText(file, "name: mine\n");
        var outcome = CliProcess.Run("init", _folder, "--template", "churn");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("already exists", outcome.Stderr);
        Assert.Equal("name: mine\n", File.ReadAllText(file));
    }

    [Fact]
    public void Init_refuses_an_unknown_template()
    {
        var outcome = CliProcess.Run("init", _folder, "--template", "nope");
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "flywheel.yaml")));
    }
}
