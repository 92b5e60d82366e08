using Flywheel.Evaluation.Metrics;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class RegressionMetricsTests
{
    private static readonly RegressionPredictions Sample = new([3, -0.5, 2, 7, 0], [2.5, 0.0, 2, 8, 0.3]);

    [Fact]
    public void Metrics_match_scikit_learn()
    {
        Near(0.45999999999999996, RegressionMetrics.MeanAbsoluteError(Sample)); // (0.5 + 0.5 + 0 + 1 + 0.3) / 5
        Near(0.318, RegressionMetrics.MeanSquaredError(Sample));                // (0.25 + 0.25 + 0 + 1 + 0.09) / 5
        Near(0.5639148871948674, RegressionMetrics.RootMeanSquaredError(Sample));
        Near(0.955586592178771, RegressionMetrics.R2(Sample));
    }

    [Fact]
    public void Mape_divides_by_machine_epsilon_when_the_truth_is_zero()
    {
        // sklearn: 270215977642230.0 — the zero truth row contributes 0.3 / 2.220446049250313e-16.
        var expected = (0.5 / 3 + 0.5 / 0.5 + 0 + 1 / 7.0 + 0.3 / 2.220446049250313e-16) / 5;
        Assert.Equal(expected, RegressionMetrics.MeanAbsolutePercentageError(Sample), expected * 1e-12);
        Assert.Equal(270215977642230.0, RegressionMetrics.MeanAbsolutePercentageError(Sample), 1.0);
    }

    [Fact]
    public void R2_of_a_constant_truth_is_defined_as_sklearn_does()
    {
        Assert.Equal(1.0, RegressionMetrics.R2(new RegressionPredictions([2, 2, 2], [2, 2, 2])));
        Assert.Equal(0.0, RegressionMetrics.R2(new RegressionPredictions([2, 2, 2], [2, 2, 3])));
    }

    [Fact]
    public void R2_of_a_single_row_is_undefined_as_sklearn()
    {
        var r2 = MetricCatalog.Regression.Single(m => m.Name == "r2").Evaluate(new RegressionPredictions([1.0], [2.0]));
        Assert.Null(r2.Value);
        Assert.Equal("undefined: there are fewer than two rows", r2.Note);
    }
}
