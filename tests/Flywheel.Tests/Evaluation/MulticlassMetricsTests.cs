using Flywheel.Evaluation.Metrics;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class MulticlassMetricsTests
{
    // Four classes; class 3 occurs in neither labels nor predictions (its probability is always 0).
    private static MulticlassPredictions Sample() => new(
        [0, 1, 2, 2, 1, 0, 2, 1, 0, 2],
        new double[][]
        {
            [.7, .2, .1, 0], [.1, .6, .3, 0], [.2, .2, .6, 0], [.5, .3, .2, 0], [.3, .3, .4, 0],
            [.8, .1, .1, 0], [.1, .1, .8, 0], [.2, .5, .3, 0], [.4, .4, .2, 0], [.3, .4, .3, 0],
        },
        ["a", "b", "c", "d"]);

    [Fact]
    public void Predictions_are_the_argmax_first_on_ties()
    {
        Assert.Equal([0, 1, 2, 0, 2, 0, 2, 1, 0, 1], Sample().Predicted); // row 8 ties .4/.4 → class 0
    }

    [Fact]
    public void Metrics_match_scikit_learn_over_the_classes_seen()
    {
        var p = Sample();
        Near(0.7, MulticlassMetrics.Accuracy(p));
        Near(0.7222222222222222, MulticlassMetrics.BalancedAccuracy(p));
        Near(0.6984126984126985, MulticlassMetrics.F1Macro(p));
        Near(0.6944444444444443, MulticlassMetrics.PrecisionMacro(p));
        Near(0.7222222222222222, MulticlassMetrics.RecallMacro(p));
        Near(0.7451434727619217, MulticlassMetrics.LogLoss(p)); // log_loss(eps=1e-15, labels=[0,1,2,3])
    }

    [Fact]
    public void Per_class_table_and_confusion_matrix()
    {
        var p = Sample();
        Assert.Equal(new long[][] { [3, 0, 0, 0], [0, 2, 1, 0], [1, 1, 2, 0], [0, 0, 0, 0] }, MulticlassMetrics.Confusion(p).Counts);
        var perClass = MulticlassMetrics.PerClass(p);
        Assert.Equal(["a", "b", "c", "d"], perClass.Select(c => c.Class));
        Near([0.75, 0.6666666666666666, 0.6666666666666666, 0.0], perClass.Select(c => c.Precision).ToArray());
        Near([1.0, 0.6666666666666666, 0.5, 0.0], perClass.Select(c => c.Recall).ToArray());
        Near([0.8571428571428571, 0.6666666666666666, 0.5714285714285715, 0.0], perClass.Select(c => c.F1).ToArray());
        Assert.Equal([3L, 3, 4, 0], perClass.Select(c => c.Support));
    }

    [Fact]
    public void A_class_predicted_but_never_true_counts_in_macro_but_not_in_balanced_accuracy()
    {
        var p = new MulticlassPredictions([0, 0, 1, 1], [0, 2, 1, 1], classCount: 3);
        Near(0.6666666666666666, MulticlassMetrics.PrecisionMacro(p));
        Near(0.5, MulticlassMetrics.RecallMacro(p));
        Near(0.5555555555555555, MulticlassMetrics.F1Macro(p));
        Near(0.75, MulticlassMetrics.BalancedAccuracy(p));
    }

    [Fact]
    public void Log_loss_without_probabilities_is_undefined()
    {
        var p = new MulticlassPredictions([0, 1], [0, 1], classCount: 2);
        var logLoss = MetricCatalog.Multiclass.Single(m => m.Name == "log_loss").Evaluate(p);
        Assert.Null(logLoss.Value);
        Assert.Contains("no class probabilities", logLoss.Note);
    }

    [Fact]
    public void Out_of_range_classes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MulticlassPredictions([0, 3], [0, 1], classCount: 3));
        Assert.Throws<ArgumentException>(() => new MulticlassPredictions([0], new double[][] { [0.5, 0.5], }, ["only-one-name"]));
    }
}
