using Flywheel.Data.Sources;
using Flywheel.Tasks;

namespace Flywheel.Data.Preprocessing;

/// <summary>What happens to one input column on its way into the "Features" vector.</summary>
public enum ColumnTreatment
{
    /// <summary>Left out of the features (the plan says why).</summary>
    Drop,

    /// <summary>Missing values filled with the train median, then optionally standardized.</summary>
    Numeric,

    /// <summary>One indicator per train category; an unknown category at serving time gives all zeros.</summary>
    OneHot,

    /// <summary>One number per category (1..K in the plan's order); an unknown category gives 0.</summary>
    Ordinal,

    /// <summary>Categories hashed into 2^bits indicators; unknown categories land in some slot.</summary>
    Hashed,

    /// <summary>Free text through ML.NET FeaturizeText (word and character n-grams), vocabulary learned from train.</summary>
    Text,
}

public enum Scaling
{
    None,

    /// <summary>(x − train mean) / train population standard deviation, as scikit-learn's StandardScaler.</summary>
    Standardize,
}

public enum TargetTransformKind
{
    None,

    /// <summary>Natural logarithm of a positive regression target; predictions are mapped back with exp.</summary>
    Log,
}

/// <summary>The plan for one column. Fields that do not apply to its treatment are null.</summary>
public sealed record ColumnPlan(
    string Name,
    ColumnKind Kind,
    ColumnTreatment Treatment,
    string? Reason = null,
    bool MissingIndicator = false,
    Scaling Scaling = Scaling.None,
    int? HashBits = null,
    IReadOnlyList<string>? Order = null);

/// <summary>Train-only outlier filter on a regression target: rows outside [Q1 − k·IQR, Q3 + k·IQR] leave the train split.</summary>
public sealed record OutlierFilter(double Fence = 1.5);

/// <summary>
/// The declarative preprocessing plan: derived from the column kinds and the train rows, overridable in
/// <c>data.preprocessing</c>, serializable to JSON (<see cref="PlanJson"/>). It holds decisions, not statistics:
/// <see cref="PlanFitter"/> learns those from the train rows into a <see cref="FittedPlan"/>.
/// </summary>
public sealed record PreprocessingPlan(
    string Target,
    MlTask LabelKind,
    IReadOnlyList<ColumnPlan> Columns,
    TargetTransformKind TargetTransform = TargetTransformKind.None,
    OutlierFilter? OutlierFilter = null)
{
    public IEnumerable<ColumnPlan> Features => Columns.Where(column => column.Treatment != ColumnTreatment.Drop);

    public ColumnPlan? Find(string name) => Columns.FirstOrDefault(column => column.Name == name);
}
