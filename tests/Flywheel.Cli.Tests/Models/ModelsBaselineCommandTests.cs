using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Flywheel.Cli;
using Flywheel.Registry;
using Flywheel.Storage;
using Flywheel.Workflows.Baselines;

namespace Flywheel.Cli.Tests.Models;

/// <summary><c>flywheel models baseline</c> on a store with a version that carries a baseline (1) and one that does not (2).</summary>
[Collection("console")]
public class ModelsBaselineCommandTests : IDisposable
{
    private static readonly byte[] Statistics = Encoding.UTF8.GetBytes("""{"version":0.0,"dataset":{"item_count":3},"features":[]}""");
    private static readonly byte[] Constraints = Encoding.UTF8.GetBytes("""{"version":0.0,"features":[],"monitoring_config":{}}""");

    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-cli-baseline-").FullName;

    public ModelsBaselineCommandTests()
    {
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), "name: churn\nstatement: As a subscriber about to leave, I get an offer that keeps me.\n");
        var catalog = new ModelCatalog(MetadataStore.ForUseCase(_folder, storeSpec: ""));
        catalog.RegisterAsync(catalog.Write(ModelsCommandTests.Content("one", new Dictionary<string, byte[]>
        {
            [BaselineFiles.Statistics] = Statistics,
            [BaselineFiles.Constraints] = Constraints,
        })), "aiko").GetAwaiter().GetResult();
        catalog.RegisterAsync(catalog.Write(ModelsCommandTests.Content("two", new Dictionary<string, byte[]>())), "aiko").GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await FlywheelCli.RunAsync([.. args, "-d", _folder, "--store", $"sqlite:{Path.Combine(_folder, ".flywheel", "flywheel.db")}"]);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Fact]
    public async Task The_baseline_is_written_under_model_monitors_names_byte_for_byte()
    {
        var target = Path.Combine(_folder, "out", "baseline");

        var (exit, output, error) = await RunAsync("models", "baseline", "churn:1", "-o", target, "--json");

        Assert.True(exit == 0, error);
        Assert.Equal(Statistics, File.ReadAllBytes(Path.Combine(target, "statistics.json")));
        Assert.Equal(Constraints, File.ReadAllBytes(Path.Combine(target, "constraints.json")));
        Assert.Equal(["constraints.json", "statistics.json"], Directory.GetFiles(target).Select(Path.GetFileName).Order());
        var printed = JsonDocument.Parse(output).RootElement;
        Assert.Equal("churn:1", printed.GetProperty("model").GetString());
        Assert.Equal([Path.Combine(target, "statistics.json"), Path.Combine(target, "constraints.json")], printed.GetProperty("files").EnumerateArray().Select(f => f.GetString()));

        // Again into the same folder: the files are replaced, not refused.
        File.WriteAllText(Path.Combine(target, "statistics.json"), "stale");
        Assert.Equal(0, (await RunAsync("models", "baseline", "churn:1", "-o", target)).Exit);
        Assert.Equal(Statistics, File.ReadAllBytes(Path.Combine(target, "statistics.json")));
    }

    [Fact]
    public async Task A_package_without_a_baseline_exits_2_saying_so_and_writes_nothing()
    {
        var target = Path.Combine(_folder, "out", "none");

        var (exit, _, error) = await RunAsync("models", "baseline", "churn", "-o", target);   // the newest version: 2

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("has no monitoring baseline", error, StringComparison.Ordinal);
        Assert.Contains(BaselineFiles.Statistics, error, StringComparison.Ordinal);
        Assert.Contains("manifest.json", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Theory]
    [InlineData("no-such-model")]
    [InlineData("churn:7")]
    [InlineData("churn@production")]
    public async Task An_unknown_model_version_or_alias_exits_3(string reference)
    {
        var target = Path.Combine(_folder, "out", "unknown");

        var (exit, _, error) = await RunAsync("models", "baseline", reference, "-o", target);

        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }
}
