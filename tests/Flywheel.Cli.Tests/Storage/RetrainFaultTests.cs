using Flywheel.Cli.Tests.Simulate;
using Flywheel.Operate.Production;
using Flywheel.Operate.Retraining;
using Flywheel.Storage;
using Xunit.Abstractions;

namespace Flywheel.Cli.Tests.Storage;

/// <summary>
/// Kill -9 at every write of a retrain on production labels (<c>train --with-production-data</c>): the labelled
/// production dataset (its Parquet artifact, then its row), the training (run, trials, package, publish) and the
/// challenger-vs-champion comparison. After each kill the store, opened again, holds the old or the new state of each
/// of them — no artifact the store's rows do not name, no run left running, no dataset row without its file — and a
/// retrain after the earliest commit's kill finishes the whole cycle. The matrix is printed for the closing note.
/// </summary>
public sealed class RetrainFaultTests(TrainedChurn churn, ITestOutputHelper output) : IClassFixture<TrainedChurn>, IDisposable
{
    private readonly List<string> _copies = [];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var copy in _copies.Where(Directory.Exists)) Directory.Delete(copy, recursive: true);
    }

    private static readonly string[] Simulate =
        ["--days", "4", "--per-day", "50", "--label-share", "0.5", "--label-delay", "1d", "--seed", "11", "--until", "2026-11-20T12:00:00Z"];

    private static readonly string[] Retrain = ["train", ".", "--with-production-data", "--max-trials", "2", "--budget", "30s", "--seed", "7"];

    [Fact]
    public async Task Killed_at_every_write_of_a_retrain_the_store_holds_the_old_or_the_new_state_of_each_record()
    {
        // The old state: v1 serving 200 simulated requests, 75 of them labelled.
        var labelled = churn.Copy();
        var simulated = CliProcess.RunIn(labelled, ["simulate", labelled, .. Simulate]);
        Assert.True(simulated.ExitCode == 0, simulated.Stderr);

        var traced = Copy(labelled);
        var trace = Path.Combine(traced, "trace.txt");
        var tracedRun = StoreProcess.Run(traced, new Dictionary<string, string> { [CliStoreVariables.Trace] = trace }, Retrain);
        Assert.True(tracedRun.ExitCode == 0, tracedRun.Stderr);
        var points = FaultMatrixTests.Occurrences(File.ReadAllLines(trace));
        Assert.Equal(["package.stage", "package.fsync", "package.rename", "production.commit", "run.start", "run.trial", "run.trial#2",
            "package.stage#2", "package.fsync#2", "package.rename#2", "publish.commit", "publish.committed", "comparison.commit"], points);
        Assert.Equal(("v2", 1, 1), await StateAsync(traced));

        var matrix = new List<string>();
        foreach (var point in points)
        {
            var folder = Copy(labelled);
            var killed = StoreProcess.Run(folder, new Dictionary<string, string> { [CliStoreVariables.Kill] = point }, Retrain);
            Assert.True(killed.ExitCode != 0, $"{point}: the process was not killed\n{killed.Stderr}");
            Assert.Contains($"fault injection: killed at {point.Split('#')[0]}", killed.Stderr);
            var index = points.IndexOf(point);
            var expected = (index >= points.IndexOf("publish.committed") ? "v2" : "v1", index > points.IndexOf("production.commit") ? 1 : 0, 0);
            var state = await StateAsync(folder);
            Assert.Equal(expected, state);
            matrix.Add($"train --with-production-data killed at {point,-18} (exit {killed.ExitCode}) → newest {state.Newest}, {state.Datasets} dataset(s), {state.Comparisons} comparison(s)");

            if (point == "production.commit")
            {
                // The earliest commit's kill left only debris the store removed; the next retrain runs the whole cycle.
                var again = CliProcess.RunIn(folder, Retrain);
                Assert.True(again.ExitCode == 0, again.Stderr);
                Assert.Equal(("v2", 1, 1), await StateAsync(folder));
            }
        }
        output.WriteLine(string.Join("\n", matrix));
    }

    /// <summary>The store opened again as the next command would, its invariants checked: the newest version, how many datasets and comparisons are recorded.</summary>
    private static async Task<(string Newest, int Datasets, int Comparisons)> StateAsync(string folder)
    {
        try
        {
            var store = MetadataStore.ForUseCase(folder, storeSpec: null);
            var versions = await store.Models.ListVersionsAsync("telco-churn");
            var candidate = Assert.Single(await store.Models.ListAliasesAsync("telco-churn"), a => a.Alias == "candidate");
            Assert.Equal(versions[^1].Version, candidate.Version);
            Assert.DoesNotContain(await store.Runs.ListRunsAsync(), r => r.Status == RunStatus.Running);
            var datasets = await new ProductionDatasets(store).ListAsync("telco-churn");
            var comparisons = await new Comparisons(store).ListAsync("telco-churn");

            // Every artifact folder is a version's package or a recorded dataset's file; nothing staged, no temporary.
            var artifacts = Path.Combine(folder, ".flywheel", "artifacts");
            var packages = new List<string>();
            foreach (var model in await store.Models.ListModelNamesAsync()) packages.AddRange((await store.Models.ListVersionsAsync(model)).Select(v => v.PackageId));
            var named = packages.Concat(datasets.Select(d => d.ArtifactId)).ToHashSet();
            Assert.Equal(named.Order(), Directory.GetDirectories(artifacts).Select(Path.GetFileName)
                .Where(n => n is not (FileArtifactStore.StagingFolderName or "capture" or "ground-truth")).Order());
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(artifacts, FileArtifactStore.StagingFolderName)));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
            Assert.All(datasets, d => Assert.True(File.Exists(Path.Combine(artifacts, d.ArtifactId, ProductionDatasets.ParquetFile)), $"dataset v{d.Version} has no file"));
            return ($"v{versions[^1].Version}", datasets.Count, comparisons.Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private string Copy(string source)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"flywheel-retrain-fault-{Guid.NewGuid():N}");
        _copies.Add(folder);
        StoreProcess.CopyFolder(source, folder);
        return folder;
    }
}
