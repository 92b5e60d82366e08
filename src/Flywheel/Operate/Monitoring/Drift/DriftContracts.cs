using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>A test's statistic and its p-value (null for a distance).</summary>
public readonly record struct TestResult(double Statistic, double? PValue);

/// <summary>
/// One column's values as drift reads them: numbers (missing as NaN, ignored by every test, as Evidently drops them)
/// or category labels (missing as null).
/// </summary>
public abstract record ColumnSample
{
    public sealed record Numeric(double[] Values) : ColumnSample;
    public sealed record Categorical(string?[] Values) : ColumnSample;
}

/// <summary>What drift is judged on: Evidently's choice, or Model Monitor's L∞ for every column; and the thresholds.</summary>
/// <param name="Distance"><c>evidently</c> or <c>linf</c>.</param>
/// <param name="LinfMethod">Model Monitor's numeric comparison method with <c>linf</c>: <c>robust</c> (its default,
/// L∞ − 1.8·√((n+m)/(n·m)) floored at 0) or <c>simple</c> (L∞ itself).</param>
public sealed record DriftSettings(
    string Distance = "evidently",
    double PValue = 0.05,
    double Wasserstein = 0.1,
    double JensenShannon = 0.1,
    double Comparison = 0.1,
    double Psi = 0.1,
    double DriftShare = 0.5,
    string LinfMethod = "robust")
{
    /// <summary>The settings a use case's <c>monitoring:</c> section asks for.</summary>
    public static DriftSettings From(MonitoringSection section) => new(
        section.Distance,
        section.Threshold(MonitoringThresholds.PValue),
        section.Threshold(MonitoringThresholds.Wasserstein),
        section.Threshold(MonitoringThresholds.JensenShannon),
        section.Threshold(MonitoringThresholds.Comparison),
        section.Threshold(MonitoringThresholds.Psi),
        section.Threshold(MonitoringThresholds.DriftShare));
}
