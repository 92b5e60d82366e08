using Flywheel.Data.Splits;
using Flywheel.Serving;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

/// <summary>
/// Penguins with four trials (seed 11) ends in an ensemble: averaging the search's best configurations beats the
/// best alone on the out-of-fold log loss. The package holds it as one model that serving loads like any other.
/// </summary>
public class EnsembleTrainingTests
{
    [Fact]
    public void The_ensemble_is_a_leaderboard_row_and_its_package_scores_the_test_rows_as_training_measured_them()
    {
        using var folder = UseCaseFolder.FromSample("penguins", "data/penguins.csv");
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 4, Seed: 11, Importance: false));

        var ensemble = outcome.Record.Ensemble;
        Assert.NotNull(ensemble);
        Assert.StartsWith("Ensemble of ", ensemble.Name);
        Assert.Equal(ensemble.Name, outcome.Record.Trainer);
        Assert.Equal(ensemble.Name, StoredEvaluation.Load(outcome.PackageDirectory).Package.Manifest.Trainer);
        Assert.Equal(1.0, ensemble.Members.Sum(m => m.Weight), 12);
        Assert.All(ensemble.Members, m => Assert.Contains(outcome.Record.Trials, t => t.Number == m.Trial && t.Trainer == m.Trainer));
        // Its validation figures are the averaged out-of-fold predictions' (log loss is the multiclass objective).
        Assert.Equal(outcome.Validation.Metric("log_loss")!.Value, ensemble.Objective, 12);

        var board = outcome.Record.Leaderboard();
        var row = Assert.Single(board, r => r.Trial is null);
        Assert.Equal(ensemble.Name, row.Model);
        Assert.Equal(ensemble.Objective, row.Objective);
        Assert.Equal(board.Select(r => r.Objective).Order(), board.Select(r => r.Objective));
        Assert.True(ensemble.Objective < outcome.Record.Trials.Where(t => t.Error is null).Min(t => t.Objective));

        // Reloaded from the package, the ensemble gives the test rows the accuracy and log loss measured in training.
        var input = SplitRun.Open(folder.Path);
        var split = SplitRun.Assign(input, new SplitOverrides(), classification: true).Assignment;
        Assert.Equal(outcome.Record.SplitFingerprint, split.Fingerprint);
        var target = input.Table.Get("species", "the target");
        var testRows = split.RowsIn(SplitName.Test).Where(r => !target.IsMissing(r)).ToList();
        var model = ScoringModel.Load(outcome.PackageDirectory);
        var scored = model.Score(RawPermutableRows.Subset(input.Table, testRows, model.Spec.Inputs.Select(i => i.Name)));
        var actual = testRows.Select(target.String).ToList();
        Assert.Equal(outcome.Test.Metric("accuracy")!.Value, scored.Zip(actual).Count(p => p.First.Label == p.Second) / (double)actual.Count, 12);
        var logLoss = scored.Zip(actual).Average(p => -Math.Log(Math.Max(p.First.ClassProbabilities![model.Spec.Classes.ToList().IndexOf(p.Second!)], 1e-15)));
        Assert.Equal(outcome.Test.Metric("log_loss")!.Value, logLoss, 6);
    }

    [Fact]
    public void With_ensembles_turned_off_the_same_search_keeps_its_best_single_model()
    {
        // The same four trials that end in an ensemble above, with `training.ensemble: false`.
        using var folder = UseCaseFolder.FromSample("penguins", "data/penguins.csv", "  ensemble: false\n");
        var useCase = UseCaseLoader.Load(folder.Path);
        Assert.False(useCase.Training!.Ensemble);
        var outcome = TrainWorkflow.Run(useCase, new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 4, Seed: 11, Importance: false));

        Assert.Null(outcome.Record.Ensemble);
        var best = outcome.Record.Trials.Where(t => t.Error is null).MinBy(t => t.Objective)!;
        Assert.Equal(best.Trainer, outcome.Record.Trainer);
        Assert.DoesNotContain(outcome.Record.Leaderboard(), row => row.Trial is null);
    }
}
