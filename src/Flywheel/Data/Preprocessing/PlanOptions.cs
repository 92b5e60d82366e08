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
}
