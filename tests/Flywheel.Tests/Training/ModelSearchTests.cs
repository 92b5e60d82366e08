using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Curves;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;

namespace Flywheel.Tests.Training;

public class ModelSearchTests
{
    private static readonly IReadOnlyList<TrainerDefinition> Fast = TrainerCatalog.For(MlTask.Binary, ["LightGbm", "Lbfgs", "Sdca"]);

    [Fact]
    public void Same_seed_and_data_give_the_same_trials_model_and_metrics()
    {
        TrainingResult Run() => ModelTrainer.Train(
            Synthetic.Table(MlTask.Binary, 2500, seed: 1),
            Synthetic.Table(MlTask.Binary, 600, seed: 2),
            Fast, new AccuracyScorer(), new SearchOptions(TimeSpan.FromMinutes(5), Seed: 5, MaxTrials: 6));

        var first = Run();
        var second = Run();
        Assert.Equal(first.Search.Trials.Select(t => (t.Trainer, t.Hyperparameters.ToString(), t.Objective)),
            second.Search.Trials.Select(t => (t.Trainer, t.Hyperparameters.ToString(), t.Objective)));
        Assert.Equal(first.ValidationPredictions.Values, second.ValidationPredictions.Values);
        Assert.Equal(6, first.Search.Trials.Count);
    }

    [Fact]
    public void Every_trial_is_recorded_and_the_best_leads_the_leaderboard()
    {
        var result = ModelSearch.Run(
            new Holdout(Synthetic.Table(MlTask.Regression, 300, 1), Synthetic.Table(MlTask.Regression, 200, 2)),
            TrainerCatalog.For(MlTask.Regression, ["LightGbm", "Sdca"]), new RmseScorer(), new SearchOptions(TimeSpan.FromMinutes(1), 3, MaxTrials: 5));
        Assert.Equal(5, result.Trials.Count);
        Assert.Equal([1, 2, 3, 4, 5], result.Trials.Select(t => t.Number));
        Assert.All(result.Trials, t => Assert.True(t.Duration > TimeSpan.Zero));
        Assert.Equal(result.Trials.Where(t => t.Succeeded).Min(t => t.Objective), result.Best.Objective);
        Assert.Same(result.Best, result.Leaderboard()[0]);
    }

    [Fact]
    public void A_tiny_budget_still_runs_one_trial_and_reports_progress()
    {
        var reports = new List<SearchProgress>();
        var result = ModelSearch.Run(
            new Holdout(Synthetic.Table(MlTask.Binary, 200, 1), Synthetic.Table(MlTask.Binary, 100, 2)),
            Fast, new AccuracyScorer(), new SearchOptions(TimeSpan.Zero, 1), new SyncProgress<SearchProgress>(reports.Add));
        Assert.Single(result.Trials);
        Assert.Single(reports);
        Assert.Same(result.Best, reports[0].Best);
    }

    [Fact]
    public void The_search_stops_before_a_trial_that_has_never_fit_in_the_time_left()
    {
        // Every fit takes at least 400 ms; after the first, at most 200 ms of the 600 ms budget remain.
        var slow = Sdca.Definition with { Build = (context, h) => { Thread.Sleep(400); return Sdca.Definition.Build(context, h); } };
        var result = ModelSearch.Run(
            new Holdout(Synthetic.Table(MlTask.Binary, 200, 1), Synthetic.Table(MlTask.Binary, 100, 2)),
            [slow], new AccuracyScorer(), new SearchOptions(TimeSpan.FromMilliseconds(600), 1));
        Assert.Single(result.Trials);
    }

    [Fact]
    public void A_failing_trainer_is_recorded_with_its_error_and_the_search_goes_on()
    {
        // Poisson regression rejects negative targets.
        var negative = new FeatureTable(MlTask.Regression, [[1f], [2f], [3f], [4f]], [-1, -2, -3, -4], 1);
        var result = ModelSearch.Run(new Holdout(negative, negative), TrainerCatalog.For(MlTask.Regression, ["Lbfgs", "Sdca"]),
            new RmseScorer(), new SearchOptions(TimeSpan.FromMinutes(1), 1, MaxTrials: 2));
        Assert.False(result.Trials[0].Succeeded);
        Assert.NotNull(result.Trials[0].Error);
        Assert.Equal("Sdca", result.Best.Trainer);
    }

    [Fact]
    public void Small_data_is_cross_validated_with_stratified_folds()
    {
        var train = Synthetic.Table(MlTask.Binary, 300, 1);
        var validation = Synthetic.Table(MlTask.Binary, 100, 2);
        var scheme = Assert.IsType<CrossValidation>(ValidationScheme.Choose(train, validation, 9));
        Assert.Equal(400, scheme.RefitRows.RowCount);
        var predictions = scheme.Evaluate(Fast[1], Fast[1].Space.Defaults(), 9);
        Assert.Equal(400, predictions.Count);
        // Out-of-fold predictions keep every label once: positives and negatives add up to the original counts.
        Assert.Equal(scheme.Rows.Labels.Sum(), predictions.Actual.Sum());
        var (foldTrain, foldHeld) = scheme.CurveSplit;
        Assert.Equal(80, foldHeld.RowCount);
        Assert.Equal(320, foldTrain.RowCount);
        Assert.InRange(foldHeld.Labels.Sum() / 80.0, scheme.Rows.Labels.Sum() / 400.0 - 0.02, scheme.Rows.Labels.Sum() / 400.0 + 0.02);
    }

    [Fact]
    public void A_boosted_winner_gets_a_learning_curve_and_a_diagnosis()
    {
        var result = ModelTrainer.Train(
            Synthetic.Table(MlTask.Binary, 2000, 1), Synthetic.Table(MlTask.Binary, 500, 2),
            TrainerCatalog.For(MlTask.Binary, ["LightGbm"]), new AccuracyScorer(), new SearchOptions(TimeSpan.FromMinutes(1), 4, MaxTrials: 1));
        var curve = Assert.IsType<LearningCurve>(result.Curve);
        Assert.Equal(100, curve.ConfiguredIterations);
        Assert.Equal(curve.Points.Select(p => p.Iterations).Order(), curve.Points.Select(p => p.Iterations));
        Assert.Equal(curve.BestIterations, result.Hyperparameters.Int("iterations"));
        Assert.NotNull(result.Diagnosis);
    }
}

/// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
