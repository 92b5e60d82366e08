namespace Flywheel.Evaluation.Metrics;

/// <summary>Calculations of the regression metrics (definitions are in <see cref="MetricCatalog"/>), as scikit-learn.</summary>
public static class RegressionMetrics
{
    /// <summary>
    /// numpy's <c>np.finfo(np.float64).eps</c> = 2⁻⁵², the floor of |y| in MAPE's denominator. Not
    /// <see cref="double.Epsilon"/>, which is the smallest subnormal number.
    /// </summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    public static double MeanAbsoluteError(RegressionPredictions p) => Mean(p, (y, f) => Math.Abs(y - f));

    public static double MeanSquaredError(RegressionPredictions p) => Mean(p, (y, f) => (y - f) * (y - f));

    public static double RootMeanSquaredError(RegressionPredictions p) => Math.Sqrt(MeanSquaredError(p));

    /// <summary>
    /// 1 − SS_res / SS_tot. When the truth is constant (SS_tot = 0): 1 for a perfect prediction, else 0
    /// (sklearn r2_score with force_finite=True). NaN for a single row, as sklearn.
    /// </summary>
    public static double R2(RegressionPredictions p)
    {
        if (p.Count < 2) return double.NaN;
        var mean = p.Labels.Average();
        double residual = 0, total = 0;
        for (var i = 0; i < p.Count; i++)
        {
            residual += (p.Labels[i] - p.Predicted[i]) * (p.Labels[i] - p.Predicted[i]);
            total += (p.Labels[i] - mean) * (p.Labels[i] - mean);
        }
        if (total == 0) return residual == 0 ? 1 : 0;
        return 1 - residual / total;
    }

    /// <summary>
    /// Mean of |y − ŷ| / max(|y|, eps) with eps = <see cref="MachineEpsilon"/> (sklearn mean_absolute_percentage_error):
    /// a fraction, not a percent; huge when a truth is 0.
    /// </summary>
    public static double MeanAbsolutePercentageError(RegressionPredictions p) =>
        Mean(p, (y, f) => Math.Abs(y - f) / Math.Max(Math.Abs(y), MachineEpsilon));

    private static double Mean(RegressionPredictions p, Func<double, double, double> term)
    {
        double sum = 0;
        for (var i = 0; i < p.Count; i++) sum += term(p.Labels[i], p.Predicted[i]);
        return sum / p.Count;
    }
}
