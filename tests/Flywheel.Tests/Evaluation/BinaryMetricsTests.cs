using Flywheel.Evaluation.Metrics;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class BinaryMetricsTests
{
    // At threshold 0.5 (score >= 0.5 positive): TP 4 (0.9, 0.8, 0.7, 0.5), FP 4 (0.8, 0.6, 0.55, 0.5), FN 2, TN 2.
    [Fact]
    public void Confusion_counts_scores_at_the_threshold_as_positive()
    {
        var c = Tied().Confusion();
        Assert.Equal(new BinaryConfusion(TrueNegative: 2, FalsePositive: 4, FalseNegative: 2, TruePositive: 4), c);
    }

    [Fact]
    public void Threshold_metrics_match_scikit_learn()
    {
        var p = Tied();
        Near(0.5, BinaryMetrics.Accuracy(p));                  // (4 + 2) / 12
        Near(0.5, BinaryMetrics.BalancedAccuracy(p));          // (4/6 + 2/6) / 2
        Near(0.5, BinaryMetrics.Precision(p));                 // 4 / 8
        Near(0.6666666666666666, BinaryMetrics.Recall(p));     // 4 / 6
        Near(0.5714285714285715, BinaryMetrics.F1(p));         // 8 / (8 + 4 + 2)
    }

    [Fact]
    public void Auc_counts_tied_scores_half_like_roc_auc_score()
    {
        // Mann–Whitney: 36 positive/negative pairs; 19 ordered right + 2 ties × ½ = 21 / 36.
        Near(0.5833333333333334, BinaryMetrics.Auc(Tied()));
    }

    [Fact]
    public void Average_precision_is_stepwise_like_average_precision_score()
    {
        Near(0.6620370370370371, BinaryMetrics.AveragePrecision(Tied()));
    }

    [Fact]
    public void Log_loss_is_natural_log_like_sklearn()
    {
        Near(0.7662003360564857, BinaryMetrics.LogLoss(Tied()));
    }

    [Fact]
    public void Log_loss_clips_certain_wrong_answers_at_1e_15()
    {
        var p = new BinaryPredictions([true, false], [0.0, 1.0]);
        Near(-Math.Log(1e-15), BinaryMetrics.LogLoss(p)); // 34.538776394910684 per row
    }

    [Fact]
    public void Precision_without_positive_predictions_is_zero_as_sklearn_zero_division_0()
    {
        var p = new BinaryPredictions([true, false, true], [0.1, 0.2, 0.3]);
        Assert.Equal(0, BinaryMetrics.Precision(p));
        Assert.Equal(0, BinaryMetrics.F1(p));
        Assert.Equal(0, BinaryMetrics.Recall(p));
    }

    [Fact]
    public void Single_class_makes_auc_undefined_not_an_exception()
    {
        var p = new BinaryPredictions([false, false, false, false], [0.1, 0.2, 0.6, 0.3]);
        Assert.True(double.IsNaN(BinaryMetrics.Auc(p)));
        Assert.True(double.IsNaN(BinaryMetrics.AveragePrecision(p)));
        Near(0.75, BinaryMetrics.BalancedAccuracy(p)); // sklearn: recall of the one class present
        var auc = MetricCatalog.Binary.Single(m => m.Name == "auc").Evaluate(p);
        Assert.Null(auc.Value);
        Assert.Equal("undefined: only one class is present in the labels", auc.Note);
    }

    [Fact]
    public void Auc_of_a_perfect_ranking_is_one_and_of_a_reversed_one_zero()
    {
        Near(1, BinaryMetrics.Auc(new BinaryPredictions([false, false, true], [0.1, 0.2, 0.9])));
        Near(0, BinaryMetrics.Auc(new BinaryPredictions([true, false, false], [0.1, 0.2, 0.9])));
        Near(0.5, BinaryMetrics.Auc(new BinaryPredictions([true, false, true, false], [0.4, 0.4, 0.4, 0.4])));
    }

    [Fact]
    public void Mismatched_or_broken_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BinaryPredictions([true], [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => new BinaryPredictions([], []));
        Assert.Throws<ArgumentException>(() => new BinaryPredictions([true], [double.NaN]));
    }
}
