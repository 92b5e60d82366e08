namespace Flywheel.Operate.Monitoring.Drift;

/// <summary>
/// Judges drift of one column and of the dataset, as Evidently's defaults do (OPERATE.md §5): the method chosen by
/// type, reference size and unique values; PSI beside it; Model Monitor's L∞ when asked.
/// </summary>
public static class DriftDetector
{
    /// <summary>Evidently's boundary: a reference of at most this many (non-missing) rows gets a statistical test.</summary>
    public const int SmallReference = 1000;

    /// <summary>
    /// Evidently's method for a column: reference ≤ 1,000 rows → <c>ks</c> (numeric, &gt; 5 unique), <c>chisquare</c>
    /// (&gt; 2 unique) or <c>z</c>; larger → <c>wasserstein</c> (numeric, &gt; 5 unique) or <c>jensenshannon</c>.
    /// Rows and unique values are counted on the reference without missing values, as Evidently does after dropping them.
    /// </summary>
    public static string ChooseMethod(ColumnSample reference) => ChooseMethod(PreparedColumn.From(reference));

    public static string ChooseMethod(PreparedColumn reference)
    {
        var manyValues = reference.Unique > 5;
        if (reference.Rows <= SmallReference)
            return reference.IsNumeric && manyValues ? "ks" : reference.Unique > 2 ? "chisquare" : "z";
        return reference.IsNumeric && manyValues ? "wasserstein" : "jensenshannon";
    }

    /// <summary>Compares the window's column with the reference's; <paramref name="kind"/> is <c>numeric</c>, <c>categorical</c> or <c>prediction</c>.</summary>
    public static FeatureDrift Compare(string feature, string kind, ColumnSample reference, ColumnSample current, DriftSettings settings) =>
        Compare(feature, kind, PreparedColumn.From(reference), PreparedColumn.From(current), settings);

    public static FeatureDrift Compare(string feature, string kind, PreparedColumn reference, PreparedColumn current, DriftSettings settings)
    {
        if (reference.IsNumeric != current.IsNumeric)
            throw new ArgumentException($"'{feature}': the reference and the window must both be numeric or both categorical.");
        if (reference.Rows == 0 || current.Rows == 0)
            return new FeatureDrift(feature, kind, "empty", 0, null, 0, false, 0, reference.Rows, current.Rows);

        var psi = Psi(reference, current);
        if (settings.Distance == "linf")
        {
            var linf = Linf(reference, current, settings);
            return new FeatureDrift(feature, kind, "linf", linf, null, settings.Comparison, linf > settings.Comparison, psi, reference.Rows, current.Rows);
        }

        var method = ChooseMethod(reference);
        switch (method)
        {
            case "ks":
                {
                    var result = KolmogorovSmirnov.Test(reference.Sorted!, current.Sorted!);
                    return Tested(result);
                }
            case "chisquare":
                return Tested(DriftStatistics.ChiSquare(CategoryTable.Of(reference, current)));
            case "z":
                return Tested(DriftStatistics.ZTest(CategoryTable.Of(reference, current), reference.Unique, current.Unique));
            case "wasserstein":
                {
                    var distance = DriftStatistics.WassersteinNormed(reference.Sorted!, current.Sorted!);
                    return Distance(distance, settings.Wasserstein);
                }
            default:
                {
                    var table = CategoryTable.Of(reference, current);
                    var distance = DriftStatistics.JensenShannon(table.ReferenceShares(), table.CurrentShares());
                    return Distance(distance, settings.JensenShannon);
                }
        }

        FeatureDrift Tested(TestResult result) => new(
            feature, kind, method, Finite(result.Statistic), result.PValue is { } p && double.IsFinite(p) ? p : 1.0,
            settings.PValue, result.PValue < settings.PValue, psi, reference.Rows, current.Rows);

        FeatureDrift Distance(double distance, double threshold) => new(
            feature, kind, method, Finite(distance), null, threshold, distance >= threshold, psi, reference.Rows, current.Rows);
    }

    /// <summary>
    /// JSON holds no ∞: a statistic that is infinite (chi-square when the window has a value the reference never had)
    /// is written as the largest double, its p-value is 0 and the column drifted.
    /// </summary>
    static double Finite(double value) => double.IsPositiveInfinity(value) ? double.MaxValue : double.IsNegativeInfinity(value) ? -double.MaxValue : value;

    static double Psi(PreparedColumn reference, PreparedColumn current)
    {
        var bins = Bins.Of(reference, current);
        var referenceShares = bins.ReferenceShares();
        var currentShares = bins.CurrentShares();
        DriftStatistics.FillZeroes(referenceShares);
        DriftStatistics.FillZeroes(currentShares);
        return DriftStatistics.Psi(referenceShares, currentShares);
    }

    static double Linf(PreparedColumn reference, PreparedColumn current, DriftSettings settings)
    {
        if (!reference.IsNumeric)
        {
            var table = CategoryTable.Of(reference, current);
            return DriftStatistics.LinfShares(table.ReferenceShares(), table.CurrentShares());
        }
        var linf = KolmogorovSmirnov.Statistic(reference.Sorted!, current.Sorted!);
        return settings.LinfMethod == "simple" ? linf : DriftStatistics.LinfRobust(linf, reference.Rows, current.Rows);
    }

    /// <summary>Drift and the distribution of one column, preparing (sorting, counting) each side once.</summary>
    public static (FeatureDrift Drift, FeatureDistribution Distribution) Analyze(
        string feature, string kind, ColumnSample reference, ColumnSample current, DriftSettings settings)
    {
        PreparedColumn preparedReference = PreparedColumn.From(reference), preparedCurrent = PreparedColumn.From(current);
        return (Compare(feature, kind, preparedReference, preparedCurrent, settings), Distribution(feature, kind, preparedReference, preparedCurrent));
    }

    /// <summary>The share of drifted columns, drifted at or above <see cref="DriftSettings.DriftShare"/> (prediction drift not counted).</summary>
    public static DatasetDrift Dataset(IReadOnlyList<FeatureDrift> columns, DriftSettings settings)
    {
        int counted = 0, drifted = 0;
        foreach (var column in columns)
        {
            if (column.Kind == "prediction" || column.Method == "empty") continue;
            counted++;
            if (column.Drifted) drifted++;
        }
        var share = counted == 0 ? 0.0 : (double)drifted / counted;
        return new DatasetDrift(share, settings.DriftShare, counted > 0 && share >= settings.DriftShare, drifted, counted);
    }

    /// <summary>The reference and current shares on PSI's bins (Sturges on the reference for numeric columns with &gt; 20 unique values, else per value).</summary>
    public static FeatureDistribution Distribution(string feature, string kind, ColumnSample reference, ColumnSample current) =>
        Distribution(feature, kind, PreparedColumn.From(reference), PreparedColumn.From(current));

    public static FeatureDistribution Distribution(string feature, string kind, PreparedColumn reference, PreparedColumn current)
    {
        var bins = Bins.Of(reference, current);
        return new FeatureDistribution(feature, kind, bins.Labels, bins.ReferenceShares(), bins.CurrentShares());
    }
}
