using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;

using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Serving;

/// <summary>
/// A loaded model package ready to score: the ML.NET chain (preprocessing + model) and its <see cref="ServingSpec"/>.
/// Scoring turns raw rows into a score, a label in the user's terms and a route (automatic or review).
/// </summary>
public sealed class ScoringModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly IReadOnlyList<InputColumn> _inputs;
    private readonly Lock _gate = new();
    private RowScorer? _scorer;

    public ScoringModel(ITransformer model, ServingSpec spec, MLContext? ml = null)
    {
        _ml = ml ?? new MLContext(0);
        _model = model;
        Spec = spec;
        _inputs = spec.Inputs.Select(input => new InputColumn(input.Name, input.Numeric ? ColumnKind.Numeric : ColumnKind.Categorical)).ToList();
    }

    public ServingSpec Spec { get; }

    /// <summary>Loads a package folder, verifying its content hash (a modified package is refused).</summary>
    public static ScoringModel Load(string packageDirectory) => Load(Registry.ModelPackage.Open(packageDirectory));

    public static ScoringModel Load(Registry.ModelPackage package)
    {
        var spec = ServingSpec.FromManifest(package.Manifest, package.Path);
        var ml = new MLContext(0);
        Training.Ensembles.EnsembleModel.Register(ml);
        using var stream = package.OpenModel();
        return new ScoringModel(ml.Model.Load(stream, out _), spec, ml);
    }

    /// <summary>Scores one row given as column name → text.</summary>
    public ScoredRow Score(IReadOnlyDictionary<string, string?> row)
    {
        var header = row.Keys.ToList();
        var rows = new InputRows(Spec.Inputs, header, "the request", Spec.Dialect);
        rows.Add(new CsvRecord(1, header.Select(name => row[name] ?? "").ToArray()));
        return Score(rows.TakeBatch())[0];
    }

    public IReadOnlyList<ScoredRow> Score(ColumnTable rows)
    {
        var columns = ServingInput.Columns(rows, _inputs);
        var scored = new ScoredRow[rows.RowCount];
        lock (_gate)
        {
            var scorer = _scorer ??= NewScorer();
            for (var row = 0; row < scored.Length; row++)
            {
                for (var input = 0; input < columns.Count; input++)
                {
                    var column = columns[input];
                    if (column.IsNumeric) scorer.SetNumber(input, column.Number(row));
                    else scorer.SetText(input, column.String(row));
                }
                scored[row] = scorer.Score();
            }
        }
        return scored;
    }

    /// <summary>A scorer of its own for one caller (a batch prediction), bound once to the model.</summary>
    internal RowScorer NewScorer() => new(_model, Spec, _inputs);
}
