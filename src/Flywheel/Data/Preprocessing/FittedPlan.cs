using Flywheel.Tasks;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Statistics learned from the train rows for one feature column. Numbers: <see cref="Median"/> fills missing
/// values; <see cref="Mean"/> and <see cref="StandardDeviation"/> (population, of the filled values) scale.
/// Categories: <see cref="Mode"/> fills missing values; <see cref="Vocabulary"/> lists the train categories
/// (most frequent first, ties in ordinal order) for one-hot, or the ordinal order.
/// </summary>
public sealed record FittedColumn(
    string Name,
    bool HadMissing,
    double? Median = null,
    double? Mean = null,
    double? StandardDeviation = null,
    string? Mode = null,
    IReadOnlyList<string>? Vocabulary = null);

/// <summary>The label as learned from the data: classes, the positive class, the target transform and outlier fence.</summary>
public sealed record FittedTarget(
    string Column,
    MlTask Kind,
    IReadOnlyList<string> Classes,
    string? Positive,
    TargetTransformKind Transform,
    double? OutlierLow = null,
    double? OutlierHigh = null);

/// <summary>
/// A plan with every statistic it needs, all learned from train rows only. Serialized beside a model, it rebuilds
/// exactly the same feature transformer (<see cref="PlanCompiler"/>), apart from FeaturizeText's learned vocabulary,
/// which lives in the saved ML.NET transformer.
/// </summary>
public sealed record FittedPlan(
    PreprocessingPlan Plan,
    IReadOnlyList<FittedColumn> Columns,
    FittedTarget Target,
    int TrainRows,
    int OutliersRemoved)
{
    public FittedColumn Column(string name) => Columns.First(column => column.Name == name);

    /// <summary>The label mapping serving and evaluation use to turn scores back into the user's values.</summary>
    public LabelMapping LabelMapping => new(Target.Column, Target.Kind, Target.Classes, Target.Positive, Target.Transform);
}
