using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Storage;

/// <summary>Training is on record from its start: a training that fails leaves a failed run with the error, not nothing.</summary>
public sealed class TrainingRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-training-run-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_training_that_fails_after_starting_is_recorded_as_failed_with_the_error()
    {
        // The target column is not in the file: found only after the data is read, so after the run started.
        File.WriteAllText(Path.Combine(_folder, "data.csv"), "tenure,plan\n1,basic\n2,pro\n");
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), "name: churn\nstatement: As a subscriber about to leave, I get an offer that keeps me.\ndata:\n  source: data.csv\n  target: churned\n");
        var useCase = UseCaseLoader.Load(_folder);

        var error = await Assert.ThrowsAnyAsync<FlywheelException>(() => TrainWorkflow.RunAsync(useCase, new TrainRequest(MaxTrials: 1)));

        var run = Assert.Single(await MetadataStore.ForUseCase(_folder, storeSpec: null).Runs.ListRunsAsync("churn"));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(error.Describe(), run.FailureReason);
    }

    [Fact]
    public async Task A_cancellation_ends_the_run_as_cancelled()
    {
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), "name: churn\nstatement: As a subscriber about to leave, I get an offer that keeps me.\ndata:\n  source: x.csv\n  target: y\n");
        var started = await TrainingRun.StartAsync(UseCaseLoader.Load(_folder), 1, null);

        await started.EndAsync(new OperationCanceledException());
        await started.EndAsync(new InvalidOperationException("later errors do not overwrite the end"));

        var run = await started.Store.Runs.FindRunAsync(started.Id);
        Assert.Equal(RunStatus.Cancelled, run!.Status);
    }
}
