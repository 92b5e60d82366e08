namespace Flywheel.Evaluation.Metrics;

internal static class Ratio
{
    /// <summary>a / b, or 0 when b is 0: scikit-learn's <c>zero_division=0</c> for precision, recall and F1.</summary>
    public static double OrZero(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
