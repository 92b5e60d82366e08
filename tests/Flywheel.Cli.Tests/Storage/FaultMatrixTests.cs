using Flywheel.Storage;
using Xunit.Abstractions;

namespace Flywheel.Cli.Tests.Storage;

/// <summary>
/// Kill -9 at every store write: <c>train</c>, <c>models alias</c> and <c>predict -o</c> run with
/// FLYWHEEL_FAULT_KILL_AT set to each write point in turn (the CLI host kills itself there with FailFast). Then the
/// store is opened and must hold the old or the new state: no staging debris, no unregistered package folder, no
/// version without its alias, no run left running, no temp file. The matrix is printed for the closing note.
/// </summary>
public sealed class FaultMatrixTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flywheel-faults-").FullName;
    private readonly List<string> _matrix = [];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static readonly string[] Train = ["train", ".", "--max-trials", "2", "--budget", "30s"];

    [Fact]
    public async Task Killed_at_every_write_point_the_store_holds_the_old_or_the_new_state()
    {
        // The old state: one trained version, @candidate on it.
        var baseline = StoreProcess.CopyOfPenguins(_root);
        var first = CliProcess.RunIn(baseline, [.. Train, "--seed", "3"]);
        Assert.True(first.ExitCode == 0, first.Stderr);

        // Which points does a second training (another seed, so another package) pass, in order?
        var traced = Copy(baseline, "traced");
        var trace = Path.Combine(_root, "trace.txt");
        var tracedRun = StoreProcess.Run(traced, new Dictionary<string, string> { [CliStoreVariables.Trace] = trace }, [.. Train, "--seed", "7"]);
        Assert.True(tracedRun.ExitCode == 0, tracedRun.Stderr);
        var points = Occurrences(File.ReadAllLines(trace));
        Assert.Equal(["run.start", "run.trial", "run.trial#2", "package.stage", "package.fsync", "package.rename", "publish.commit", "publish.committed"], points);

        foreach (var point in points)
        {
            var folder = Copy(baseline, point.Replace('#', '-'));
            var killed = Kill(folder, point, [.. Train, "--seed", "7"]);
            var state = await CheckStoreAsync(folder, killedAfterCommit: point == "publish.committed");
            Record("train", point, killed, state);
        }

        // models alias: the move commits or it does not.
        var aliasFolder = Copy(baseline, "alias");
        var alias = Kill(aliasFolder, WritePoints.AliasCommit, "models", "alias", "penguins:1", "production");
        using (var store = Open(aliasFolder))
        {
            var aliases = await store.Store.Models.ListAliasesAsync("penguins");
            Assert.DoesNotContain(aliases, a => a.Alias == "production");
            Assert.DoesNotContain(await store.Store.AuditTrailAsync("model:penguins"), e => e.DetailsJson.Contains("production", StringComparison.Ordinal));
        }
        Record("models alias", WritePoints.AliasCommit, alias, "old (no @production, no audit row)");

        // predict -o over an existing output: the old file stays whole; the dead writer's temp file goes on the next write.
        foreach (var point in new[] { WritePoints.OutputTemp, WritePoints.OutputRename })
        {
            var folder = Copy(baseline, point);
            var scored = Path.Combine(folder, "scored.csv");
            File.WriteAllText(scored, "old\n");
            var predict = Kill(folder, point, "predict", "penguins@candidate", "data/penguins.csv", "-o", scored);
            Assert.Equal("old\n", File.ReadAllText(scored));
            var debris = Directory.GetFiles(folder, ".scored.csv.*.tmp").Length;
            var again = CliProcess.RunIn(folder, "predict", "penguins@candidate", "data/penguins.csv", "-o", scored);
            Assert.True(again.ExitCode == 0, again.Stderr);
            Assert.Equal(345, File.ReadLines(scored).Count());
            Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
            Record("predict -o", point, predict, $"old output kept whole; {debris} temp file(s), removed by the next write");
        }

        output.WriteLine(string.Join("\n", _matrix));
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "flywheel-fault-matrix.txt"), _matrix);
    }

    /// <summary>The store after the kill, opened as the next command would: the invariants, and whether it is the old or the new state.</summary>
    private static async Task<string> CheckStoreAsync(string folder, bool killedAfterCommit)
    {
        using var opened = Open(folder);
        var store = opened.Store;
        var versions = await store.Models.ListVersionsAsync("penguins");
        var aliases = await store.Models.ListAliasesAsync("penguins");
        var runs = await store.Runs.ListRunsAsync();
        var artifacts = Path.Combine(folder, ".flywheel", "artifacts");

        Assert.InRange(versions.Count, 1, 2);
        var candidate = Assert.Single(aliases, a => a.Alias == "candidate");
        Assert.Equal(versions[^1].Version, candidate.Version); // no version without its alias
        Assert.Equal(versions.Select(v => v.PackageId).Order(), Directory.GetDirectories(artifacts).Select(Path.GetFileName).Where(n => n != FileArtifactStore.StagingFolderName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(artifacts, FileArtifactStore.StagingFolderName)));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
        Assert.DoesNotContain(runs, r => r.Status == RunStatus.Running);
        var killedRun = runs.Where(r => r.Seed == 7).ToList();

        if (versions.Count == 2)
        {
            Assert.True(killedAfterCommit, "a new version appeared although the kill came before the commit");
            Assert.Equal(RunStatus.Finished, Assert.Single(killedRun).Status);
            return "new (v2, @candidate→2, run finished)";
        }
        Assert.False(killedAfterCommit);
        if (killedRun.Count == 0) return "old (no run recorded yet)";
        var run = Assert.Single(killedRun);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Matches(@"^process \d+ on host .+ stopped$", run.FailureReason);
        var trials = (await store.Runs.ListTrialsAsync(run.Id)).Count;
        return $"old (v1, @candidate→1); run failed \"{run.FailureReason![..7]}… stopped\", {trials} trial(s) kept";
    }

    private CliProcess.Outcome Kill(string folder, string point, params string[] args)
    {
        var outcome = StoreProcess.Run(folder, new Dictionary<string, string> { [CliStoreVariables.Kill] = point }, args);
        Assert.True(outcome.ExitCode != 0, $"{point}: the process was not killed\n{outcome.Stderr}");
        Assert.Contains($"fault injection: killed at {point.Split('#')[0]}", outcome.Stderr);
        return outcome;
    }

    private void Record(string command, string point, CliProcess.Outcome killed, string state) =>
        _matrix.Add($"{command,-13} killed at {point,-18} (exit {killed.ExitCode}) → {state}");

    private string Copy(string baseline, string name)
    {
        var folder = Path.Combine(_root, name);
        StoreProcess.CopyFolder(baseline, folder);
        return folder;
    }

    /// <summary>"run.trial", "run.trial" → "run.trial", "run.trial#2": each occurrence a point of its own.</summary>
    internal static List<string> Occurrences(IEnumerable<string> reached)
    {
        var seen = new Dictionary<string, int>();
        return reached.Select(point => (seen[point] = seen.GetValueOrDefault(point) + 1) == 1 ? point : $"{point}#{seen[point]}").ToList();
    }

    private static OpenedStore Open(string folder) => new(MetadataStore.ForUseCase(folder, storeSpec: null));

    private sealed class OpenedStore(MetadataStore store) : IDisposable
    {
        public MetadataStore Store { get; } = store;

        public void Dispose() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

internal static class CliStoreVariables
{
    public const string Kill = "FLYWHEEL_FAULT_KILL_AT";
    public const string Trace = "FLYWHEEL_FAULT_TRACE";
}
