using Flywheel.Evaluation.Metrics;

namespace Flywheel.Tests.Evaluation;

/// <summary>
/// Fixed vectors whose expected values were computed once with scikit-learn 1.2.1 / numpy 1.24.2 (Debian
/// python3-sklearn) and pinned in the tests; the tests never call Python.
/// </summary>
internal static class Fixtures
{
    public const double Tolerance = 1e-9;

    /// <summary>12 rows, 6 positives; ties at 0.8 (one of each class) and at 0.5 (one of each class).</summary>
    public static readonly bool[] TiedLabels = [true, false, true, true, false, false, true, false, true, false, false, true];
    public static readonly double[] TiedScores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.55, 0.5, 0.5, 0.4, 0.3, 0.2, 0.1];

    public static BinaryPredictions Tied(double threshold = 0.5) => new(TiedLabels, TiedScores, threshold);

    public static void Near(double expected, double? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected, actual!.Value, Tolerance);
    }

    public static void Near(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (double.IsPositiveInfinity(expected[i])) Assert.True(double.IsPositiveInfinity(actual[i]), $"point {i}: expected +∞, got {actual[i]}");
            else Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"point {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
