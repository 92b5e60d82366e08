using Flywheel.Data.Sources;
using Flywheel.Tasks;

namespace Flywheel.Data.Profiling;

/// <summary>What a data file holds, column by column, with the target and the associations between columns.</summary>
public sealed record DataProfile(
    string File,
    long Rows,
    CsvDialect? Dialect,
    IReadOnlyList<ColumnProfile> Columns,
    TargetProfile? Target,
    long DuplicateRows,
    Associations Associations)
{
    /// <summary>Work left out because the data is wide (pairwise checks capped), each said in one sentence for the report.</summary>
    public IReadOnlyList<string> Limits { get; init; } = [];

    public ColumnProfile Column(string name) => Columns.First(column => column.Name == name);
}

/// <summary>
/// One column: counts for every kind, and the summary that fits its kind. <see cref="Distinct"/> is exact for
/// columns with up to 1,000 values and for near-unique ones (<see cref="DistinctIsExact"/>); otherwise it is a
/// HyperLogLog estimate (within a few percent), which is all that large counts are used for.
/// </summary>
public sealed record ColumnProfile(
    string Name,
    ColumnKind Kind,
    string SqlType,
    long Rows,
    long Missing,
    long Distinct,
    NumericSummary? Numbers,
    IReadOnlyList<ValueCount>? TopValues,
    LengthSummary? Lengths,
    DateRange? Dates,
    Histogram? Histogram,
    long? NumericLikeValues)
{
    public bool DistinctIsExact { get; init; }

    public long Present => Rows - Missing;
    public double MissingFraction => Rows == 0 ? 0 : (double)Missing / Rows;

    /// <summary>
    /// Share of present values taken by the most frequent one (1 for a constant column). For numbers without
    /// top values it is the share at the median, which is the most frequent value whenever that share exceeds ½.
    /// </summary>
    public double TopShare =>
        Present == 0 || Distinct <= 1 ? 1
        : TopValues is { Count: > 0 } top ? (double)top[0].Count / Present
        : Numbers is { } numbers && numbers.AtMedian * 2 > Present ? (double)numbers.AtMedian / Present
        : 0;
}

/// <summary>Summary of a numeric column. Quantiles interpolate linearly between order statistics (numpy/pandas default, DuckDB quantile_cont).</summary>
public sealed record NumericSummary(
    double Min,
    double Max,
    double Mean,
    double? Std,
    double Q1,
    double Median,
    double Q3,
    bool IsInteger,
    long BelowFence,
    long AboveFence,
    long AtMedian)
{
    public double Iqr => Q3 - Q1;

    /// <summary>Tukey's lower fence, Q1 − 1.5·IQR.</summary>
    public double LowerFence => Q1 - 1.5 * Iqr;

    /// <summary>Tukey's upper fence, Q3 + 1.5·IQR.</summary>
    public double UpperFence => Q3 + 1.5 * Iqr;
}

public sealed record ValueCount(string Value, long Count);

public sealed record LengthSummary(long Min, long Max, double Mean);

public sealed record DateRange(string Min, string Max);

/// <summary>Equal-width bins; the last bin includes its upper edge. <see cref="Labels"/> name bins of dates.</summary>
public sealed record Histogram(IReadOnlyList<HistogramBin> Bins);

public sealed record HistogramBin(double Lower, double Upper, long Count);

/// <summary>
/// The target: the task training would choose for it (<see cref="TaskDetector"/>; null when training would refuse
/// it) and why, the positive class of a binary target (<see cref="PositiveClass"/>), its distribution and, for
/// classification, each feature's distribution per class.
/// </summary>
public sealed record TargetProfile(
    string Name,
    ColumnKind Kind,
    bool IsClassification,
    long Missing,
    IReadOnlyList<ValueCount>? Classes,
    Histogram? Distribution,
    IReadOnlyList<FeatureByClass> ByClass,
    MlTask? Task = null,
    string? TaskReason = null,
    string? Positive = null);

/// <summary>One feature split by target class: numeric features share the feature's histogram bins; categorical ones show top values.</summary>
public sealed record FeatureByClass(string Feature, ColumnKind Kind, IReadOnlyList<ClassSlice> Classes);

public sealed record ClassSlice(string Class, long Count, double? Mean, double? Std, IReadOnlyList<long>? BinCounts, IReadOnlyList<ValueCount>? TopValues);

public enum AssociationMeasure
{
    /// <summary>Pearson's r between two numeric columns, in [−1, 1].</summary>
    Pearson,
    /// <summary>Bias-corrected Cramér's V (Bergsma 2013) between two categorical columns, in [0, 1].</summary>
    CramersV,
    /// <summary>Correlation ratio η between a categorical and a numeric column, in [0, 1].</summary>
    CorrelationRatio,
}

public sealed record Association(string Left, string Right, AssociationMeasure Measure, double Value, long N)
{
    public double Strength => Math.Abs(Value);
}

/// <summary>
/// Pairwise associations: Pearson between numeric columns (a matrix, for the heatmap), Cramér's V between
/// categorical columns, and every feature against the target with the measure that suits both kinds.
/// </summary>
public sealed record Associations(
    IReadOnlyList<string> NumericColumns,
    IReadOnlyList<IReadOnlyList<double?>> Pearson,
    IReadOnlyList<Association> CategoricalPairs,
    IReadOnlyList<Association> WithTarget,
    IReadOnlyList<SeparationScore> TargetSeparation)
{
    public static Associations Empty { get; } = new([], [], [], [], []);

    public double? PearsonBetween(string left, string right)
    {
        var i = NumericColumns.ToList().IndexOf(left);
        var j = NumericColumns.ToList().IndexOf(right);
        return i < 0 || j < 0 ? null : Pearson[i][j];
    }
}

/// <summary>How well one numeric feature alone ranks a binary target: ROC AUC of the raw value (0.5 = no signal).</summary>
public sealed record SeparationScore(string Feature, double Auc)
{
    /// <summary>AUC regardless of direction: max(AUC, 1 − AUC).</summary>
    public double Strength => Math.Max(Auc, 1 - Auc);
}
