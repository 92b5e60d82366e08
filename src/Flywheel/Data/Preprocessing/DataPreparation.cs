using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Tasks;
using Flywheel.UseCases;
using Microsoft.ML;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// The way in for the training stage: split the rows, derive the plan from the train rows, fit its statistics on
/// the train rows, compile it to an ML.NET transformer fitted on the train view, and hand back the three views.
/// </summary>
public static class DataPreparation
{
    private const int Steps = 5;

    /// <summary>Reads <c>data.source</c> of the use case and prepares it with the settings of its <c>data</c> section.</summary>
    public static PreparedData Prepare(UseCase useCase, MlTask labelKind, IProgress<PreparationProgress>? progress = null, MLContext? context = null)
    {
        var options = PreparationOptions.From(useCase, labelKind);
        progress?.Report(new("read", 0, Steps));
        return Prepare(ColumnTableReader.Read(SourceSpec.FromUseCase(useCase)), options, progress, context);
    }

    public static PreparedData Prepare(ColumnTable table, PreparationOptions options, IProgress<PreparationProgress>? progress = null, MLContext? context = null)
    {
        context ??= new MLContext(options.Split.Seed);
        var file = options.DescribedIn ?? table.File;
        var target = table.Get(options.Target, "'data.target'");

        progress?.Report(new("split", 1, Steps));
        var fingerprint = options.DataFingerprint ?? TableFingerprint.Compute(table);
        var split = options.AppendedRows > 0
            ? AppendedRows.Split(table, options.AppendedRows, options.Split, fingerprint, file)
            : Splitter.Assign(options.Split, TableSplitKeys.From(table, options.Split, file), fingerprint, file);
        IReadOnlyList<int> Labelled(SplitName name) => split.RowsIn(name).Where(row => !target.IsMissing(row)).ToList();

        progress?.Report(new("plan", 2, Steps));
        var plan = PlanBuilder.Build(table, Labelled(SplitName.Train), options with { DescribedIn = file });

        progress?.Report(new("fit statistics", 3, Steps));
        var (fitted, trainRows) = PlanFitter.Fit(plan, table, Labelled(SplitName.Train), options.Positive, file);
        var inputs = plan.Features.Select(column => new InputColumn(column.Name, column.Kind)).ToList();
        var label = new LabelColumn(fitted.LabelMapping);
        IDataView View(IReadOnlyList<int> rows) => new ColumnTableDataView(table, rows, inputs.Select(input => input.Name), label);

        progress?.Report(new("fit transformer", 4, Steps));
        var trainView = View(trainRows);
        var transformer = PlanCompiler.Compile(context, fitted).Fit(trainView);

        progress?.Report(new("transform", 5, Steps));
        return new PreparedData(
            context,
            transformer.Transform(trainView),
            transformer.Transform(View(Labelled(SplitName.Validation))),
            transformer.Transform(View(Labelled(SplitName.Test))),
            transformer,
            fitted,
            split,
            fitted.LabelMapping,
            inputs,
            fingerprint);
    }
}
