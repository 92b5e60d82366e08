using System.Globalization;
using Flywheel.Data.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Serving;

/// <summary>
/// Scores rows one at a time through the model bound once to a reusable input row, the way ML.NET's
/// PredictionEngine does: no per-batch view, cursor or transformer rebinding. Not thread-safe; one per caller.
/// Values are set by input position (the order of <see cref="ServingSpec.Inputs"/>), then <see cref="Score"/> reads them.
/// </summary>
internal sealed class RowScorer : IRowScorer
{
    private readonly ServingSpec _spec;
    private readonly ServingRow _input;
    private readonly Func<ScoredRow> _read;

    public RowScorer(ITransformer model, ServingSpec spec, IReadOnlyList<InputColumn> inputs)
    {
        _spec = spec;
        var schema = ServingInput.Schema(inputs);
        _input = new ServingRow(schema);
        var mapper = model.GetRowToRowMapper(schema);
        var resultColumn = mapper.OutputSchema[spec.Task == "binary" ? "Probability" : "Score"];
        var output = mapper.GetRow(_input, [resultColumn]);
        _read = spec.Task switch
        {
            "binary" => Binary(output.GetGetter<float>(resultColumn)),
            "multiclass" => Multiclass(output.GetGetter<VBuffer<float>>(resultColumn)),
            _ => Regression(output.GetGetter<float>(resultColumn)),
        };
    }

    /// <summary>A number as the batch view reads it: parsed as a double, held as Single; NaN is missing.</summary>
    public void SetNumber(int input, double value) => _input.SetNumber(input, (float)value);

    /// <summary>Text; null is missing (an empty string to the model).</summary>
    public void SetText(int input, string? value) => _input.SetText(input, value ?? "");

    public ScoredRow Score()
    {
        _input.Advance();
        return _read();
    }

    private Func<ScoredRow> Binary(ValueGetter<float> probability)
    {
        var policy = _spec.Policy;
        var (positive, negative) = (_spec.PositiveClass, _spec.NegativeClass);
        var threshold = policy.Threshold ?? 0.5;
        return () =>
        {
            float p = 0;
            probability(ref p);
            var review = policy.ReviewLower is { } lower && policy.ReviewUpper is { } upper && p >= lower && p < upper;
            return new ScoredRow(p, p >= threshold ? positive : negative, review ? DecisionRoute.Review : DecisionRoute.Automatic);
        };
    }

    private Func<ScoredRow> Multiclass(ValueGetter<VBuffer<float>> scores)
    {
        var buffer = default(VBuffer<float>);
        // A multiclass review band is [0, floor) on the top class's probability.
        var floor = _spec.Policy.ReviewUpper ?? 0;
        return () =>
        {
            scores(ref buffer);
            var probabilities = buffer.DenseValues().Select(v => (double)v).ToArray();
            var best = Training.Predictions.ArgMax(probabilities);
            var route = probabilities[best] < floor ? DecisionRoute.Review : DecisionRoute.Automatic;
            return new ScoredRow(probabilities[best], _spec.Classes[best], route, probabilities);
        };
    }

    private Func<ScoredRow> Regression(ValueGetter<float> score)
    {
        var logTarget = _spec.Policy.LogTarget;
        return () =>
        {
            float value = 0;
            score(ref value);
            var target = logTarget ? Math.Exp(value) : value;
            return new ScoredRow(target, target.ToString("R", CultureInfo.InvariantCulture), DecisionRoute.Automatic);
        };
    }
}
