using Flywheel.UseCases;

namespace Flywheel.Data.Preprocessing;

public enum TargetTransformChoice
{
    /// <summary>Log when every train target is positive and the skewness is above 1; none otherwise.</summary>
    Auto,
    None,
    Log,
}

/// <summary>A user's override for one column (from <c>data.preprocessing.columns</c>); null fields keep the derived choice.</summary>
public sealed record ColumnOverride(ColumnTreatment? Treatment = null, int? HashBits = null, IReadOnlyList<string>? Order = null, bool? MissingIndicator = null, Scaling? Scaling = null);

/// <summary>Thresholds and overrides that steer <see cref="PlanBuilder"/>.</summary>
public sealed record PlanOptions
{
    public static PlanOptions Default { get; } = new();

    /// <summary>A column missing in more than this share of train rows is dropped.</summary>
    public double MaxMissing { get; init; } = 0.5;

    /// <summary>Categorical columns with at most this many train categories are one-hot encoded; more are hashed.</summary>
    public int OneHotMax { get; init; } = 15;

    public TargetTransformChoice TargetTransform { get; init; } = TargetTransformChoice.Auto;

    /// <summary>Off unless asked for; regression only.</summary>
    public OutlierFilter? Outliers { get; init; }

    public IReadOnlyDictionary<string, ColumnOverride> Columns { get; init; } = new Dictionary<string, ColumnOverride>();

    /// <summary>
    /// Options from <c>data.preprocessing</c> (values already checked by the use-case reader); the missing-value
    /// threshold is <c>data.missing_threshold</c>, the same one the data diagnosis uses.
    /// </summary>
    public static PlanOptions From(DataSection data) => From(data.Preprocessing, data.MissingThreshold);

    public static PlanOptions From(PreprocessingSpec spec, double? missingThreshold = null) => new()
    {
        MaxMissing = missingThreshold ?? Default.MaxMissing,
        OneHotMax = spec.OneHotMax ?? Default.OneHotMax,
        TargetTransform = spec.TargetTransform switch
        {
            "log" => TargetTransformChoice.Log,
            "none" => TargetTransformChoice.None,
            _ => TargetTransformChoice.Auto,
        },
        Outliers = spec.OutlierFence is { } fence ? new OutlierFilter(fence) : null,
        Columns = spec.Columns.ToDictionary(pair => pair.Key, pair => Override(pair.Value), StringComparer.Ordinal),
    };

    private static ColumnOverride Override(ColumnPreprocessingSpec spec) => new(
        spec.Drop ? ColumnTreatment.Drop : spec.Encoding switch
        {
            "numeric" => ColumnTreatment.Numeric,
            "onehot" => ColumnTreatment.OneHot,
            "ordinal" => ColumnTreatment.Ordinal,
            "hashed" => ColumnTreatment.Hashed,
            "text" => ColumnTreatment.Text,
            _ => null,
        },
        spec.Bits,
        spec.Order,
        spec.Indicator,
        spec.Scale switch
        {
            "none" => Preprocessing.Scaling.None,
            "standardize" => Preprocessing.Scaling.Standardize,
            _ => null,
        });
}
