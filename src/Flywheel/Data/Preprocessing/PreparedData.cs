using Flywheel.Data.Splits;
using Flywheel.Tasks;
using Microsoft.ML;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Train, validation and test views ready for an ML.NET trainer: each has the raw input columns, a "Label" column
/// (shaped by the task, see <see cref="Tasks.MlTask"/>) and a "Features" vector. <see cref="Transformer"/> maps raw input columns
/// (<see cref="InputColumns"/>) to "Features"; save it with the model (<c>Context.Model.Save(Transformer, InputSchema, stream)</c>) so serving
/// applies exactly the same preprocessing. Rows with a missing target are in no view; outliers (if filtered) are
/// removed from <see cref="Train"/> only.
/// </summary>
public sealed record PreparedData(
    MLContext Context,
    IDataView Train,
    IDataView Validation,
    IDataView Test,
    ITransformer Transformer,
    FittedPlan Plan,
    SplitAssignment Split,
    LabelMapping Label,
    IReadOnlyList<InputColumn> InputColumns,
    string DataFingerprint)
{
    public const string LabelColumn = Preprocessing.LabelColumn.Name;
    public const string FeaturesColumn = PlanCompiler.FeaturesColumn;

    /// <summary>The ML.NET schema of the raw input the transformer expects (for <c>MLContext.Model.Save</c>).</summary>
    public DataViewSchema InputSchema => ServingInput.Schema(InputColumns);

    /// <summary>Which slots of "Features" each input column produced, with a name per slot.</summary>
    public IReadOnlyList<FeatureGroup> FeatureGroups => FeatureLayout.Of(Plan, Train.Schema);

    /// <summary>One readable name per slot of "Features", in order.</summary>
    public IReadOnlyList<string> FeatureNames => FeatureGroups.SelectMany(group => group.SlotNames).ToList();
}

/// <summary>A raw input column: numeric → ML.NET Single (NaN = missing); any other kind → String (empty = missing).</summary>
public sealed record InputColumn(string Name, Sources.ColumnKind Kind)
{
    public bool IsNumeric => Kind == Sources.ColumnKind.Numeric;
}

public sealed record PreparationProgress(string Stage, int Step, int Steps);
