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
        using var stream = package.OpenModel();
        return new ScoringModel(ml.Model.Load(stream, out _), spec, ml);
    }

    /// <summary>Scores one row given as column name → text.</summary>
    public ScoredRow Score(IReadOnlyDictionary<string, string?> row)
    {
        var header = row.Keys.ToList();
        var rows = new InputRows(Spec.Inputs, header, "the request");
        rows.Add(new CsvRecord(1, header.Select(name => row[name] ?? "").ToArray()));
        return Score(rows.TakeBatch())[0];
    }

    public IReadOnlyList<ScoredRow> Score(ColumnTable rows)
    {
        var scored = _model.Transform(ServingInput.ToDataView(rows, _inputs));
        return Spec.Task switch
        {
            "binary" => ScoreBinary(scored),
            "multiclass" => ScoreMulticlass(scored),
            _ => ScoreRegression(scored),
        };
    }

    private IReadOnlyList<ScoredRow> ScoreBinary(IDataView scored)
    {
        var policy = Spec.Policy;
        var positive = policy.Positive ?? Spec.Classes.LastOrDefault() ?? "true";
        var negative = Spec.Classes.FirstOrDefault(c => c != positive) ?? $"not {positive}";
        var threshold = policy.Threshold ?? 0.5;
        return scored.GetColumn<float>("Probability").Select(p =>
        {
            var review = policy.ReviewLower is { } lower && policy.ReviewUpper is { } upper && p >= lower && p < upper;
            return new ScoredRow(p, p >= threshold ? positive : negative, review ? DecisionRoute.Review : DecisionRoute.Automatic);
        }).ToList();
    }

    private IReadOnlyList<ScoredRow> ScoreMulticlass(IDataView scored) =>
        scored.GetColumn<VBuffer<float>>("Score").Select(buffer =>
        {
            var probabilities = buffer.DenseValues().Select(v => (double)v).ToArray();
            var best = Training.Predictions.ArgMax(probabilities);
            return new ScoredRow(probabilities[best], Spec.Classes[best], DecisionRoute.Automatic, probabilities);
        }).ToList();

    private IReadOnlyList<ScoredRow> ScoreRegression(IDataView scored) =>
        scored.GetColumn<float>("Score").Select(value =>
        {
            var target = Spec.Policy.LogTarget ? Math.Exp(value) : value;
            return new ScoredRow(target, target.ToString("R", System.Globalization.CultureInfo.InvariantCulture), DecisionRoute.Automatic);
        }).ToList();
}
