using System.Globalization;
using Flywheel.Data.Preprocessing;
using Flywheel.Evaluation.Decisions;
using Flywheel.Tasks;
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
        var resultColumn = mapper.OutputSchema[spec.Task.OutputColumn()];
        var output = mapper.GetRow(_input, [resultColumn]);
        _read = spec.Task switch
        {
            MlTask.Binary => Binary(output.GetGetter<float>(resultColumn)),
            MlTask.Multiclass => Multiclass(output.GetGetter<VBuffer<float>>(resultColumn)),
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
        var rule = _spec.Policy.Rule;
        var (negative, positive) = _spec.BinaryClasses();
        return () =>
        {
            float p = 0;
            probability(ref p);
            // The label is the side of the threshold; a reviewed item keeps it as the model's suggestion.
            var decision = rule.Decide(p);
            var label = decision == BinaryDecision.Positive || (decision == BinaryDecision.Review && p >= rule.Threshold) ? positive : negative;
            return new ScoredRow(p, label, decision == BinaryDecision.Review ? DecisionRoute.Review : DecisionRoute.Automatic);
        };
    }

    private Func<ScoredRow> Multiclass(ValueGetter<VBuffer<float>> scores)
    {
        var buffer = default(VBuffer<float>);
        var rule = _spec.Policy.Rule;
        return () =>
        {
            scores(ref buffer);
            var probabilities = buffer.DenseValues().Select(v => (double)v).ToArray();
            var (best, review) = rule.Decide(probabilities);
            return new ScoredRow(probabilities[best], _spec.Classes[best], review ? DecisionRoute.Review : DecisionRoute.Automatic, probabilities);
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
