using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Scoring;
using Flywheel.Training;
using Flywheel.Training.Search;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class ScoringTests
{
    private static Predictions TiedBinary() =>
        new(MlTask.BinaryClassification, TiedLabels.Select(l => l ? 1.0 : 0.0).ToArray(), TiedScores);

    [Fact]
    public void Metric_scorer_uses_the_catalog_metric_as_objective()
    {
        var scorer = new MetricTrialScorer(MlTask.BinaryClassification, "auc");
        var score = scorer.Score(TiedBinary());
        Assert.True(scorer.HigherIsBetter);
        Near(0.5833333333333334, score.Objective);
        Near(0.6620370370370371, score.Metrics["auc_pr"]);
        Assert.Equal(8, score.Metrics.Count);
    }

    [Fact]
    public void Lower_is_better_objectives_say_so()
    {
        var scorer = MetricTrialScorer.Default(MlTask.Regression);
        Assert.Equal("rmse", scorer.ObjectiveName);
        Assert.False(scorer.HigherIsBetter);
        Assert.True(scorer.Better(1.0, 2.0));
        Near(Math.Sqrt(2), scorer.Score(new Predictions(MlTask.Regression, [1, 2], [1, 4])).Objective);
    }

    [Fact]
    public void An_unknown_objective_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => new MetricTrialScorer(MlTask.Regression, "auc"));
        Assert.Contains("mae, mse, rmse, r2, mape", error.Message);
    }

    [Fact]
    public void Multiclass_predictions_with_class_scores()
    {
        var predictions = new Predictions(MlTask.MulticlassClassification, [0, 1, 2], [0, 2, 2], [[0.8, 0.1, 0.1], [0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]);
        var score = MetricTrialScorer.Default(MlTask.MulticlassClassification).Score(predictions);
        // per class F1: 1, 0, 2·1/(1 + 2) = 2/3 → macro 5/9
        Near(5 / 9.0, score.Objective);
        Near(-(Math.Log(0.8) + Math.Log(0.3) + Math.Log(0.8)) / 3, score.Metrics["log_loss"]);
    }

    [Fact]
    public void Decision_value_scorer_optimizes_the_threshold_on_the_scored_rows()
    {
        var outcomes = new BinaryOutcomeValues(1000, -300, -200, 0, "JPY");
        var score = DecisionValueTrialScorer.Binary(outcomes).Score(TiedBinary());
        var expected = DecisionPolicy.Optimize(TiedLabels, TiedScores, outcomes).ValidationValuePerItem!.Value;
        Near(expected, score.Objective);
        Near(expected, score.Metrics["value_per_item"]);
        Near(0.5833333333333334, score.Metrics["auc"]);
    }

    [Fact]
    public void Decision_value_at_a_prevalence_is_nan_for_a_fold_without_positives()
    {
        var outcomes = new BinaryOutcomeValues(1000, -300, -200, 0, "JPY");
        var scorer = DecisionValueTrialScorer.Binary(outcomes, new DecisionOptions(Prevalence: 0.1));
        Assert.True(double.IsNaN(scorer.Score(new Predictions(MlTask.BinaryClassification, [0, 0], [0.2, 0.7])).Objective));
    }

    [Fact]
    public void Regression_and_multiclass_decision_scorers_price_the_predictions()
    {
        var regression = DecisionValueTrialScorer.Regression(new RegressionCosts(120, 40, "JPY"))
            .Score(new Predictions(MlTask.Regression, [10, 10, 5], [7, 12, 5]));
        Near(-(360 + 80) / 3.0, regression.Objective);

        var multiclass = DecisionValueTrialScorer.Multiclass(new MulticlassOutcomeValues([[1, -1], [-2, 3]], "USD"))
            .Score(new Predictions(MlTask.MulticlassClassification, [0, 1, 1], [0, 0, 1]));
        Near((1 - 2 + 3) / 3.0, multiclass.Objective);
    }

    [Fact]
    public void A_scorer_refuses_predictions_of_another_task()
    {
        Assert.Throws<ArgumentException>(() => MetricTrialScorer.Default(MlTask.Regression).Score(TiedBinary()));
    }
}
