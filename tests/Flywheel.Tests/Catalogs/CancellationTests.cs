using System.Diagnostics;
using Flywheel.Catalogs;
using Flywheel.Data.Sources;
using Flywheel.Tests.Workflows;
using Flywheel.Training.Search;
using Flywheel.Workflows;

namespace Flywheel.Tests.Catalogs;

/// <summary>A cancelled token stops each long operation promptly and leaves nothing registered or half-written.</summary>
public sealed class CancellationTests : IDisposable
{
    private static readonly string Churn = UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv");
    private static readonly string Penguins = UseCaseFolder.Repo("samples/penguins/data/penguins.csv");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-cancel-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void MLContext_cancellation_is_reachable()
    {
        // ML.NET keeps CancelExecution internal outside Microsoft.ML.Experimental; if an upgrade moves it, fits stop being interruptible.
        Assert.True(MLCancellation.Available);
    }

    [Fact]
    public async Task A_search_cancelled_after_its_first_trial_stops_within_two_seconds_and_registers_nothing()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).UseSeed(7).Build();
        using var cancel = new CancellationTokenSource();
        var cancelledAt = new Stopwatch();
        var progress = new ForwardProgress<WorkflowProgress>(update =>
        {
            if (update.Search is { TrialsDone: 1 } && !cancel.IsCancellationRequested)
            {
                cancelledAt.Start();
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flywheel.Training.TrainAsync(Churn, "churn",
            new TrainingOptions { Name = "churn", Positive = "yes", Budget = TimeSpan.FromMinutes(10) }, progress, cancel.Token));

        Assert.True(cancelledAt.IsRunning, "the search never reported its first trial");
        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(2), $"stopped {cancelledAt.Elapsed.TotalSeconds:0.00} s after the token was cancelled");
        Assert.False(Directory.Exists(Path.Combine(_folder, ".flywheel", "artifacts")) && Directory.EnumerateFileSystemEntries(Path.Combine(_folder, ".flywheel", "artifacts")).Any(),
            "a cancelled train left a package behind");
    }

    [Fact]
    public async Task A_cancelled_token_stops_training_before_it_reads_anything()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).Build();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            flywheel.Training.TrainAsync(Penguins, "species", new TrainingOptions(), cancellation: new CancellationToken(canceled: true)));
        Assert.False(Directory.Exists(Path.Combine(_folder, ".flywheel")));
    }

    [Fact]
    public void A_running_DuckDB_query_is_interrupted_by_the_token()
    {
        using var cancel = new CancellationTokenSource();
        using var source = DataSource.Open(Penguins, cancellation: cancel.Token);
        // A trillion rows: hours of work unless the interrupt reaches DuckDB. The bound is loose on purpose: it tells
        // an interrupted query from one that ran on, not how quick the interrupt is on a machine busy with other suites
        // (one CI run took 3.7 s with all four test assemblies on two cores).
        var clock = Stopwatch.StartNew();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        Assert.ThrowsAny<OperationCanceledException>(() => source.Scalar<long>("SELECT sum(range % 7) FROM range(1000000000000)"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the query ran {clock.Elapsed.TotalSeconds:0.0} s after the token was cancelled at 0.3 s");
    }

    [Fact]
    public void Profiling_with_a_cancelled_token_stops_and_a_source_cannot_be_opened()
    {
        using var cancel = new CancellationTokenSource();
        var flywheel = FlywheelContext.CreateBuilder(_folder).Build();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => flywheel.Data.Profile(Penguins, "species", cancellation: cancel.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => flywheel.Data.Load(Penguins, cancellation: cancel.Token));
    }

    [Fact]
    public async Task Scoring_a_file_with_a_cancelled_token_writes_no_output()
    {
        var flywheel = FlywheelContext.CreateBuilder(_folder).UseSeed(3).Build();
        await flywheel.Training.TrainAsync(Penguins, "species",
            new TrainingOptions { Name = "penguins", MaxTrials = 1, Trainers = ["Lbfgs"], Importance = false, Ensemble = false });
        var model = await flywheel.Serving.LoadAsync("penguins@candidate");
        var output = Path.Combine(_folder, "scored.csv");

        Assert.ThrowsAny<OperationCanceledException>(() => flywheel.Serving.ScoreFile(model, Penguins, output, new CancellationToken(canceled: true)));
        Assert.False(File.Exists(output));
        Assert.DoesNotContain(Directory.EnumerateFiles(_folder), file => file.Contains("scored", StringComparison.Ordinal));
        Assert.ThrowsAny<OperationCanceledException>(() => flywheel.Serving.Score(model, flywheel.Data.Load(Penguins), new CancellationToken(canceled: true)));
    }
}
