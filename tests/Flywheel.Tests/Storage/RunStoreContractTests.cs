using Flywheel.Storage;

namespace Flywheel.Tests.Storage;

/// <summary>The behaviour every <see cref="IRunStore"/> must have, run against each store kind.</summary>
public class RunStoreContractTests
{
    private static NewTrial Trial(string trainer, double auc) =>
        new(trainer, """{"learningRate":0.1,"leaves":31}""", $$"""{"auc":{{auc}}}""", TimeSpan.FromSeconds(2.5), 1729);

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_run_records_numbered_trials_and_completes_once(string kind)
    {
        using var test = new TestStore(kind);
        var runs = test.Store.Runs;

        var run = await runs.StartRunAsync("解約予測", seed: 1729);
        var first = await runs.RecordTrialAsync(run.Id, Trial("FastTree", 0.81));
        test.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await runs.RecordTrialAsync(run.Id, Trial("LightGbm", 0.84) with { Status = TrialStatus.Failed, Error = "out of memory" });
        var completed = await runs.FinishRunAsync(run.Id);

        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal((1, 2), (first.Number, second.Number));
        Assert.Equal(RunStatus.Finished, completed.Status);
        Assert.Equal(test.Clock.Now, completed.FinishedAt);
        var trials = await runs.ListTrialsAsync(run.Id);
        Assert.Equal(["FastTree", "LightGbm"], trials.Select(t => t.Trainer));
        Assert.Equal("""{"auc":0.84}""", trials[1].MetricsJson);
        Assert.Equal(TimeSpan.FromSeconds(2.5), trials[1].Duration);
        Assert.Equal((TrialStatus.Failed, "out of memory", 1729), (trials[1].Status, trials[1].Error, trials[1].Seed));
        Assert.Equal(completed, await runs.FindRunAsync(run.Id));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_finished_run_takes_no_more_trials_and_cannot_finish_again(string kind)
    {
        using var test = new TestStore(kind);
        var runs = test.Store.Runs;
        var run = await runs.StartRunAsync("churn", null);

        var failed = await runs.FailRunAsync(run.Id, "budget exhausted before any trainer finished");

        Assert.Equal((RunStatus.Failed, "budget exhausted before any trainer finished"), (failed.Status, failed.FailureReason));
        var again = await Assert.ThrowsAsync<ConflictException>(() => runs.FinishRunAsync(run.Id));
        Assert.Contains("already failed", again.Message);
        Assert.Equal(4, again.ExitCode());
        await Assert.ThrowsAsync<ConflictException>(() => runs.RecordTrialAsync(run.Id, Trial("FastTree", 0.5)));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => runs.FinishRunAsync(Guid.NewGuid()));
        Assert.Equal((ErrorKind.NotFound, 3, 404), (missing.Kind, missing.ExitCode(), missing.HttpStatus()));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Runs_are_listed_newest_first_and_by_use_case(string kind)
    {
        using var test = new TestStore(kind);
        var runs = test.Store.Runs;
        var older = await runs.StartRunAsync("churn", 1);
        test.Clock.Advance(TimeSpan.FromHours(1));
        var other = await runs.StartRunAsync("fraud", 2);
        test.Clock.Advance(TimeSpan.FromHours(1));
        var newer = await runs.StartRunAsync("churn", 3);

        Assert.Equal([newer.Id, older.Id], (await runs.ListRunsAsync("churn")).Select(r => r.Id));
        Assert.Equal([newer.Id, other.Id, older.Id], (await runs.ListRunsAsync()).Select(r => r.Id));
        Assert.Null(await runs.FindRunAsync(Guid.NewGuid()));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Hyperparameters_and_metrics_must_be_json_objects(string kind)
    {
        using var test = new TestStore(kind);
        var run = await test.Store.Runs.StartRunAsync("churn", null);

        await Assert.ThrowsAsync<ArgumentException>(() => test.Store.Runs.RecordTrialAsync(run.Id, Trial("x", 1) with { MetricsJson = "{auc: 1" }));
        await Assert.ThrowsAsync<ArgumentException>(() => test.Store.Runs.RecordTrialAsync(run.Id, Trial("x", 1) with { HyperparametersJson = "[1,2]" }));
        Assert.Empty(await test.Store.Runs.ListTrialsAsync(run.Id));
    }
}

/// <summary>How runs end and what the store records about where they ran.</summary>
public class RunLifecycleTests
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_run_records_its_process_and_heartbeat_and_can_be_cancelled_once(string kind)
    {
        using var test = new TestStore(kind);
        var runs = test.Store.Runs;
        var run = await runs.StartRunAsync("churn", 3);
        test.Clock.Advance(TimeSpan.FromSeconds(90));
        await runs.RecordTrialAsync(run.Id, new NewTrial("FastTree", "{}", "{\"auc\":0.7}", TimeSpan.FromSeconds(2), 3));

        var beat = await runs.FindRunAsync(run.Id);
        var cancelled = await runs.CancelRunAsync(run.Id);

        Assert.Equal((Environment.MachineName, Environment.ProcessId), (run.Host, run.ProcessId));
        Assert.Equal(run.StartedAt + TimeSpan.FromSeconds(90), beat!.HeartbeatAt);
        Assert.Equal((RunStatus.Cancelled, "cancelled"), (cancelled.Status, cancelled.FailureReason));
        await Assert.ThrowsAsync<ConflictException>(() => runs.CancelRunAsync(run.Id));
        Assert.Equal(["run.start", "run.end"], (await test.Store.AuditTrailAsync($"run:{run.Id}")).Select(e => e.Action));
    }
}
