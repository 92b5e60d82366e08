using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

public class DeterminismTests
{
    /// <summary>
    /// A generous budget: --max-trials alone decides how many trials run, however loaded the machine is. Four trials
    /// end in an ensemble (see <see cref="EnsembleTrainingTests"/>), so the ensemble's selection, refit and saved chain
    /// are covered too.
    /// </summary>
    [Fact]
    public void The_same_seed_and_data_give_the_same_metrics_and_the_same_package_id()
    {
        TrainOutcome Train()
        {
            using var folder = UseCaseFolder.FromSample("penguins", "data/penguins.csv");
            return TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 4, Seed: 11, Importance: false));
        }

        var first = Train();
        var second = Train();
        Assert.Equal(first.Record.Trials.Select(t => (t.Trainer, t.Objective)), second.Record.Trials.Select(t => (t.Trainer, t.Objective)));
        Assert.Equal(first.Test.Metrics.Select(m => m.Value), second.Test.Metrics.Select(m => m.Value));
        Assert.NotNull(first.Record.Ensemble);
        Assert.Equal(first.Record.Ensemble.Name, second.Record.Ensemble?.Name);
        Assert.Equal(first.PackageId, second.PackageId);
    }
}
