using System.IO.Compression;
using System.Text.Json;
using Flywheel.Cli;
using Flywheel.Registry;
using Flywheel.Storage;

namespace Flywheel.Cli.Tests.Models;

/// <summary>End to end through <see cref="FlywheelCli.RunAsync"/> on a use case with two registered versions.</summary>
[Collection("console")]
public class ModelsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-cli-models-").FullName;

    public ModelsCommandTests()
    {
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), "name: churn\nstatement: As a subscriber about to leave, I get an offer that keeps me.\n");
        var catalog = new ModelCatalog(MetadataStore.ForUseCase(_folder, storeSpec: ""));
        foreach (var weights in new[] { "one", "two" })
            catalog.RegisterAsync(catalog.Write(Content(weights)), "aiko").GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A tiny package (one weights entry, a two-column schema) with the given attachments; the models tests register these.</summary>
    internal static ModelPackageContent Content(string weights, IReadOnlyDictionary<string, byte[]>? attachments = null)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("Model.key").Open());
            writer.Write(weights);
        }
        return new ModelPackageContent
        {
            ModelName = "churn",
            Task = "binary",
            Trainer = "FastTree",
            ModelZip = memory.ToArray(),
            InputSchema = [new InputColumn("tenure", "Single", "feature"), new InputColumn("churn", "Boolean", "label")],
            Metrics = JsonSerializer.SerializeToElement(new { auc = 0.8 }),
            TrainingDataFingerprint = "sha256:abc",
            Attachments = attachments ?? new Dictionary<string, byte[]>(),
        };
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
            var exit = await FlywheelCli.RunAsync([.. args, "--store", $"sqlite:{Path.Combine(_folder, ".flywheel", "flywheel.db")}"]);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Fact]
    public async Task List_prints_each_model_with_its_newest_version_as_json()
    {
        var (exit, output, _) = await RunAsync("models", "list", _folder, "--json");

        Assert.Equal(0, exit);
        var models = JsonDocument.Parse(output).RootElement.GetProperty("models");
        Assert.Equal(1, models.GetArrayLength());
        Assert.Equal("churn", models[0].GetProperty("name").GetString());
        Assert.Equal(2, models[0].GetProperty("versions").GetInt32());
        Assert.Equal(2, models[0].GetProperty("latest").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Alias_then_show_by_alias_finds_that_version()
    {
        var (aliasExit, aliasOutput, _) = await RunAsync("models", "alias", "churn:1", "@production", "--dir", _folder, "--actor", "aiko", "--json");
        var (showExit, showOutput, _) = await RunAsync("models", "show", "churn@production", "--dir", _folder, "--json");

        Assert.Equal((0, 0), (aliasExit, showExit));
        var change = JsonDocument.Parse(aliasOutput).RootElement.GetProperty("change");
        Assert.Equal(("assigned", 1, "aiko"), (change.GetProperty("transition").GetString(), change.GetProperty("toVersion").GetInt32(), change.GetProperty("actor").GetString()));
        var shown = JsonDocument.Parse(showOutput).RootElement;
        Assert.Equal(1, shown.GetProperty("version").GetProperty("version").GetInt32());
        Assert.Equal("production", shown.GetProperty("aliases")[0].GetString());
        Assert.Equal("FastTree", shown.GetProperty("manifest").GetProperty("trainer").GetString());
    }

    [Theory]
    [InlineData("list")]
    [InlineData("show")]
    public async Task Tables_render_without_error(string verb)
    {
        string[] args = verb == "list" ? ["models", "list", _folder] : ["models", "show", "churn:1", "--dir", _folder];

        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Register_adds_a_written_package_as_the_next_version_and_refuses_a_tampered_one()
    {
        var package = ModelPackageWriter.Write(Content("three"), Path.Combine(_folder, ".flywheel", "artifacts"));

        var (exit, output, _) = await RunAsync("models", "register", package.Path, "--dir", _folder, "--actor", "aiko", "--json");
        File.AppendAllText(Path.Combine(package.Path, "manifest.json"), " ");
        var (tampered, _, error) = await RunAsync("models", "register", package.Path, "--dir", _folder);

        Assert.Equal((0, 2), (exit, tampered));
        Assert.Equal(3, JsonDocument.Parse(output).RootElement.GetProperty("version").GetInt32());
        Assert.Contains("modified after it was written", error);
    }

    [Fact]
    public async Task Show_accepts_the_use_case_folder_and_gives_the_newest_version()
    {
        var (exit, output, _) = await RunAsync("models", "show", _folder, "--json");

        Assert.Equal(0, exit);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("version").GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("show", "fraud@production", "unknown model 'fraud'")]
    [InlineData("show", "churn@staging", "has no alias '@staging'")]
    [InlineData("show", "churn:9", "has no version 9")]
    [InlineData("alias", "churn:9", "has no version 9")]
    public async Task Unknown_models_versions_and_aliases_exit_3_with_a_clear_message(string verb, string reference, string message)
    {
        string[] args = verb == "alias" ? ["models", verb, reference, "production", "--dir", _folder] : ["models", verb, reference, "--dir", _folder];

        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Removing_an_alias_is_audited_and_a_second_removal_fails()
    {
        await RunAsync("models", "alias", "churn:2", "candidate", "--dir", _folder);

        var (first, _, _) = await RunAsync("models", "alias", "churn", "candidate", "--remove", "--dir", _folder, "--actor", "ben");
        var (second, _, error) = await RunAsync("models", "alias", "churn", "candidate", "--remove", "--dir", _folder);

        Assert.Equal((0, ExitCodes.NotFound), (first, second));
        Assert.Contains("no alias '@candidate' to remove", error);
        var history = await MetadataStore.ForUseCase(_folder, storeSpec: "").Models.AliasHistoryAsync("churn");
        Assert.Equal(["alias.set", "alias.remove"], (await MetadataStore.ForUseCase(_folder, storeSpec: "").AuditTrailAsync("model:churn")).Where(e => e.Action.StartsWith("alias.", StringComparison.Ordinal)).Select(e => e.Action));
        Assert.Equal([AliasTransition.Assigned, AliasTransition.Removed], history.Select(e => e.Transition));
        Assert.Equal("ben", history[1].Actor);
    }
}
