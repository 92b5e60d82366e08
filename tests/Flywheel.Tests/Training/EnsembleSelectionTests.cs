using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Ensembles;
using Flywheel.Training.Search;

namespace Flywheel.Tests.Training;

public class EnsembleSelectionTests
{
    [Fact]
    public void Binary_and_regression_average_the_picks_values_row_by_row()
    {
        var a = new Predictions(MlTask.Binary, [1, 0], [0.9, 0.3]);
        var b = new Predictions(MlTask.Binary, [1, 0], [0.6, 0.0]);

        var averaged = EnsembleAveraging.Average([a, a, b]);

        // (0.9 + 0.9 + 0.6) / 3 = 0.8; (0.3 + 0.3 + 0) / 3 = 0.2
        Assert.Equal([0.8, 0.2], averaged.Values.Select(v => Math.Round(v, 12)));
        Assert.Equal(a.Actual, averaged.Actual);
        Assert.Equal([15.0], EnsembleAveraging.Average([new(MlTask.Regression, [0], [10]), new(MlTask.Regression, [0], [20])]).Values);
    }

    [Fact]
    public void Multiclass_averages_class_probabilities_and_predicts_the_most_likely_class_of_the_average()
    {
        var a = new Predictions(MlTask.Multiclass, [2], [0], [[0.5, 0.1, 0.4]]);
        var b = new Predictions(MlTask.Multiclass, [2], [2], [[0.1, 0.1, 0.8]]);

        var averaged = EnsembleAveraging.Average([a, b]);

        Assert.Equal([0.3, 0.1, 0.6], averaged.ClassScores![0].Select(v => Math.Round(v, 12)));
        Assert.Equal([2.0], averaged.Values);
    }

    [Fact]
    public void Members_must_predict_the_same_rows()
    {
        Assert.Throws<ArgumentException>(() => EnsembleAveraging.Average([]));
        Assert.Throws<ArgumentException>(() => EnsembleAveraging.Average([new(MlTask.Regression, [0], [1]), new(MlTask.Regression, [0, 1], [1, 2])]));
    }

    [Fact]
    public void Two_models_that_err_in_opposite_directions_average_to_a_better_one()
    {
        // Targets 0, 0. A predicts 1, −1 (RMSE 1); B predicts −1, 1 (RMSE 1); their mean predicts 0, 0 (RMSE 0).
        var choice = EnsembleSelection.Select([Candidate(1, [1, -1]), Candidate(2, [-1, 1]), Candidate(3, [3, 3])], new RmseScorer(), Seed, initialMembers: 1);

        Assert.NotNull(choice);
        Assert.Equal([(1, 1), (2, 1)], choice.Members.Select(m => (m.Trial.Number, m.Count)));
        Assert.Equal(0, choice.Score.Objective);
        Assert.Equal("Ensemble of Sdca#1 + Sdca#2", choice.Describe());
    }

    [Fact]
    public void Picking_with_replacement_weights_a_member_by_its_count()
    {
        // Targets 0, 0. A predicts 1 (RMSE 1), B −2 (RMSE 2). A+B: −0.5 (RMSE 0.5); then A+A+B: 0 (RMSE 0), where
        // adding B instead gives −1 (RMSE 1).
        var choice = EnsembleSelection.Select([Candidate(1, [1, 1]), Candidate(2, [-2, -2])], new RmseScorer(), Seed, initialMembers: 1);

        Assert.NotNull(choice);
        Assert.Equal([(1, 2), (2, 1)], choice.Members.Select(m => (m.Trial.Number, m.Count)));
        Assert.Equal(2.0 / 3, choice.Members[0].Weight(choice.Picks), 12);
        Assert.Equal([0.0, 0.0], choice.Predictions.Values.Select(v => Math.Round(v, 12)));
        Assert.Equal("Ensemble of Sdca#1 ×2 + Sdca#2", choice.Describe());
    }

    [Fact]
    public void No_ensemble_of_one_candidate_nor_when_greedy_steps_from_the_best_alone_find_no_better_average()
    {
        // A is exact; any average with B moves away from the targets.
        Assert.Null(EnsembleSelection.Select([Candidate(1, [0, 0]), Candidate(2, [1, 1])], new RmseScorer(), Seed, initialMembers: 1));
        Assert.Null(EnsembleSelection.Select([Candidate(1, [1, 1])], new RmseScorer(), Seed));
    }

    [Fact]
    public void Selection_starts_from_the_best_few_configurations()
    {
        // Targets 0. A errs by ±0.1 (RMSE 0.1), B and C by ±0.3 in opposite directions (RMSE 0.3). The sorted start
        // A+B+C predicts ±0.0333 (RMSE 0.0333); adding A, B or C again gives ±0.05, ±0.1, ±0.05: no better, so it stays.
        var choice = EnsembleSelection.Select(
            [Candidate(1, [0.1, -0.1, 0.1, -0.1]), Candidate(2, [0.3, -0.3, 0.3, -0.3]), Candidate(3, [-0.3, 0.3, -0.3, 0.3])], new RmseScorer(), Seed);

        Assert.NotNull(choice);
        Assert.Equal([(1, 1), (2, 1), (3, 1)], choice.Members.Select(m => (m.Trial.Number, m.Count)));
        Assert.Equal(0.1 / 3, choice.Score.Objective, 12);
    }

    [Fact]
    public void The_best_single_model_stays_when_it_wins_beyond_the_noise_and_the_ensemble_stays_when_it_does_not()
    {
        // Every one of 200 rows: A exact, B and C off by 1. However far greedy steps add A, the ensemble keeps a bias on
        // every row, which no resample of the rows can hide (the standard error of the difference is 0).
        var rows = 200;
        Assert.Null(EnsembleSelection.Select(
            [Candidate(1, new double[rows]), Candidate(2, Enumerable.Repeat(1.0, rows).ToArray()), Candidate(3, Enumerable.Repeat(1.0, rows).ToArray())],
            new RmseScorer(), Seed));

        // Four rows: A = (0, 0, 0, 0.4) has RMSE 0.2; the average of A, B = C = (0.6, 0, 0, 0) is (0.4, 0, 0, 0.133),
        // RMSE 0.2108. A leads by 0.011, but which rows are drawn decides the winner (row 1 favours A, row 4 the
        // ensemble), so the lead is within the noise and the ensemble stays.
        var close = EnsembleSelection.Select(
            [Candidate(1, [0, 0, 0, 0.4]), Candidate(2, [0.6, 0, 0, 0]), Candidate(3, [0.6, 0, 0, 0])], new RmseScorer(), Seed, maxPicks: 3);
        Assert.NotNull(close);
        Assert.Equal(Math.Sqrt((0.16 + 0.4 * 0.4 / 9) / 4), close.Score.Objective, 12);
    }

    private const int Seed = 5;

    private static EnsembleCandidate Candidate(int number, double[] values, int rows = 0)
    {
        rows = rows == 0 ? values.Length : rows;
        var hyperparameters = new HyperparameterSet([]);
        var trial = new Trial(number, "Sdca", hyperparameters, TrialOrigin.Default, 0, new Dictionary<string, double>(), TimeSpan.Zero, 1);
        return new EnsembleCandidate(trial, hyperparameters, new Predictions(MlTask.Regression, new double[rows], values));
    }
}
