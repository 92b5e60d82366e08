using System.Text.Json;
using Flywheel.Storage;

namespace Flywheel.Cli.Tests.Storage;

/// <summary><c>flywheel runs list|show</c> through <see cref="FlywheelCli.RunAsync"/> on a store with a finished and a failed run.</summary>
[Collection("console")]
public sealed class RunsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-cli-runs-").FullName;
    private readonly ExperimentRun _finished;
    private readonly ExperimentRun _failed;

    public RunsCommandTests()
    {
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), "name: churn\nstatement: As a subscriber about to leave, I get an offer that keeps me.\n");
        var store = MetadataStore.ForUseCase(_folder, storeSpec: null);
        _finished = store.Runs.StartRunAsync("churn", 1729).GetAwaiter().GetResult();
        store.Runs.RecordTrialAsync(_finished.Id, new NewTrial("FastTree", "{\"leaves\":20}", "{\"auc\":0.8125}", TimeSpan.FromSeconds(1.5), 1729)).GetAwaiter().GetResult();
        store.Runs.RecordTrialAsync(_finished.Id, new NewTrial("LightGbm", "{}", "{}", TimeSpan.FromSeconds(0.5), 1730, TrialStatus.Failed, "out of memory")).GetAwaiter().GetResult();
        store.Runs.FinishRunAsync(_finished.Id).GetAwaiter().GetResult();
        _failed = store.Runs.StartRunAsync("churn", 7).GetAwaiter().GetResult();
        store.Runs.FailRunAsync(_failed.Id, "data/churn.csv: no such file").GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (await FlywheelCli.RunAsync(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Fact]
    public async Task List_gives_each_run_with_status_trials_and_reason_newest_first()
    {
        var (exit, output, error) = await RunAsync("runs", "list", _folder, "--json");

        Assert.True(exit == 0, error);
        var runs = JsonDocument.Parse(output).RootElement.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        var statuses = runs.EnumerateArray().Select(r => (r.GetProperty("status").GetString(), r.GetProperty("trials").GetInt32(), r.GetProperty("reason").GetString())).ToHashSet();
        Assert.Equal([("finished", 2, null), ("failed", 0, "data/churn.csv: no such file")], statuses);
    }

    [Fact]
    public async Task Show_by_id_prefix_gives_the_trials_and_an_unknown_run_exits_3()
    {
        var (exit, output, error) = await RunAsync("runs", "show", _finished.Id.ToString("N")[..8], "--dir", _folder, "--json");
        // Tables go to Spectre's console, captured once per process, so only the exit code is checked here.
        var (table, _, _) = await RunAsync("runs", "show", _finished.Id.ToString(), _folder);
        var (missing, _, missingError) = await RunAsync("runs", "show", "ffffffff", _folder);

        Assert.True(exit == 0, error);
        var shown = JsonDocument.Parse(output).RootElement;
        Assert.Equal("finished", shown.GetProperty("run").GetProperty("status").GetString());
        var trials = shown.GetProperty("trials");
        Assert.Equal(0.8125, trials[0].GetProperty("metrics").GetProperty("auc").GetDouble());
        Assert.Equal(("failed", "out of memory"), (trials[1].GetProperty("status").GetString(), trials[1].GetProperty("error").GetString()));
        Assert.Equal(0, table);
        Assert.Equal(ExitCodes.NotFound, missing);
        Assert.Contains("error: run: there is no run 'ffffffff'", missingError);
    }
}
