namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// Judges drift of one column and of the dataset, as Evidently's defaults do (OPERATE.md §5): the method chosen by
/// type, reference size and unique values; PSI beside it; Model Monitor's L∞ when asked.
/// </summary>
public static class DriftDetector
{
    /// <summary>
    /// Evidently's method for a column: reference ≤ 1,000 rows → <c>ks</c> (numeric, &gt; 5 unique), <c>chisquare</c>
    /// (&gt; 2 unique) or <c>z</c>; larger → <c>wasserstein</c> (numeric, &gt; 5 unique) or <c>jensenshannon</c>.
    /// </summary>
    public static string ChooseMethod(ColumnSample reference) => throw new NotImplementedException();

    /// <summary>Compares the window's column with the reference's; <paramref name="kind"/> is <c>numeric</c>, <c>categorical</c> or <c>prediction</c>.</summary>
    public static FeatureDrift Compare(string feature, string kind, ColumnSample reference, ColumnSample current, DriftSettings settings) =>
        throw new NotImplementedException();

    /// <summary>The share of drifted columns, drifted at or above <see cref="DriftSettings.DriftShare"/> (prediction drift not counted).</summary>
    public static DatasetDrift Dataset(IReadOnlyList<FeatureDrift> columns, DriftSettings settings) => throw new NotImplementedException();

    /// <summary>The reference and current shares on PSI's bins (Sturges on the reference for numeric columns with &gt; 20 unique values, else per value).</summary>
    public static FeatureDistribution Distribution(string feature, string kind, ColumnSample reference, ColumnSample current) =>
        throw new NotImplementedException();
}
