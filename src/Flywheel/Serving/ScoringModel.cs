using Flywheel.Data.Preprocessing;
using Flywheel.Data.Rules;
using Flywheel.Data.Sources;
using Flywheel.UseCases;
using Flywheel.Value;

using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Serving;

/// <summary>
/// A loaded model package ready to score: the ML.NET chain (preprocessing + model) or a rule model's rule, and its
/// <see cref="ServingSpec"/>. Scoring turns raw rows into a score, a label in the user's terms and a route (automatic or review).
/// </summary>
public sealed class ScoringModel
{
    private readonly MLContext _ml;
    private readonly ITransformer? _model;
    private readonly Rule? _rule;
    private readonly IReadOnlyList<InputColumn> _inputs;
    private readonly Lock _gate = new();
    private IRowScorer? _scorer;

    public ScoringModel(ITransformer model, ServingSpec spec, MLContext? ml = null)
    {
        _ml = ml ?? new MLContext(0);
        _model = model;
        Spec = spec;
        _inputs = spec.Inputs.Select(input => new InputColumn(input.Name, input.Numeric ? ColumnKind.Numeric : ColumnKind.Categorical)).ToList();
    }

    /// <summary>A rule model: the rule's columns are the inputs, in the rule's order.</summary>
    public ScoringModel(Rule rule, ServingSpec spec)
    {
        if (rule.Columns.Select(c => c.Name).SequenceEqual(spec.Inputs.Select(i => i.Name), StringComparer.Ordinal) is false)
            throw new ArgumentException("a rule model's inputs are the rule's columns, in order", nameof(spec));
        _ml = new MLContext(0);
        _rule = rule;
        Spec = spec;
        _inputs = spec.Inputs.Select(input => new InputColumn(input.Name, input.Numeric ? ColumnKind.Numeric : ColumnKind.Categorical)).ToList();
    }

    public ServingSpec Spec { get; }

    /// <summary>True when the package holds a rule (a plan's rule step) rather than an ML.NET model.</summary>
    public bool IsRule => _rule is not null;

    /// <summary>Loads a package folder, verifying its content hash (a modified package is refused).</summary>
    public static ScoringModel Load(string packageDirectory) => Load(Registry.ModelPackage.Open(packageDirectory));

    public static ScoringModel Load(Registry.ModelPackage package)
    {
        var spec = ServingSpec.FromManifest(package.Manifest, package.Path);
        if (package.IsRule) return new ScoringModel(LoadRule(package), spec);
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

    /// <summary>Scores the rows in order; a cancelled token stops between rows.</summary>
    public IReadOnlyList<ScoredRow> Score(ColumnTable rows, CancellationToken cancellation = default)
    {
        var columns = ServingInput.Columns(rows, _inputs);
        var scored = new ScoredRow[rows.RowCount];
        lock (_gate)
        {
            var scorer = _scorer ??= NewScorer();
            for (var row = 0; row < scored.Length; row++)
            {
                cancellation.ThrowIfCancellationRequested();
                for (var input = 0; input < columns.Count; input++)
                {
                    var column = columns[input];
                    if (column.IsNumeric) scorer.SetNumber(input, column.Number(row));
                    else scorer.SetText(input, column.String(row));
                }
                scored[row] = scorer.Score();
            }
        }
        Telemetry.FlywheelTelemetry.RowsScored.Add(scored.Length);
        return scored;
    }

    /// <summary>A scorer of its own for one caller (a batch prediction), bound once to the model.</summary>
    internal IRowScorer NewScorer() => _rule is not null ? new RuleRowScorer(_rule, Spec) : new RowScorer(_model!, Spec, _inputs);

    // The rule is parsed again against the columns it was written for; a package whose rule no longer parses is refused.
    private static Rule LoadRule(Registry.ModelPackage package)
    {
        var columns = package.Manifest.InputSchema.Where(column => column.Role == ServingSpec.FeatureRole)
            .Select(column => new RuleColumn(column.Name, column.Type == ServingSpec.NumericType, column.Type == "boolean")).ToList();
        var source = new FormulaSource(package.ReadRule(), new SourcePosition(package.Path, 1, 1), "rule");
        var rule = Rule.Parse(source, columns);
        return rule.Columns.Count == columns.Count ? rule
            : throw new InputException("the rule model's input schema lists columns its rule does not read", package.Path);
    }
}
