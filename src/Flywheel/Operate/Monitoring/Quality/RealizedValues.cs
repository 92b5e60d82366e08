using Flywheel.Evaluation.Decisions;
using Flywheel.Serving;
using Flywheel.Tasks;

namespace Flywheel.Operate.Monitoring.Quality;

/// <summary>
/// What the decisions earned on the labelled rows, priced as training priced them (<see cref="BinaryPricing"/>,
/// <see cref="MulticlassPricing"/>, <see cref="RegressionPricing"/>): an automatic decision is worth its actual
/// outcome's value, a reviewed item the right outcome's value minus the review cost. Per day at the use case's
/// <c>decision.volume</c> (else at the window's own rows per day), against the test split's value (the promise).
/// No deployment prevalence is applied: these are the rows' own outcomes.
/// </summary>
public static class RealizedValues
{
    /// <summary>Each labelled row's value; null when the decision section does not price this task or no row is priceable.</summary>
    public static double[]? Price(ServingSpec spec, DecisionSettings settings, LabelledRows rows)
    {
        var options = settings.Options with { Prevalence = null };
        switch (spec.Task)
        {
            case MlTask.Binary when settings.Binary is { } outcomes:
            {
                var classes = spec.BinaryClasses();
                if (rows.Labels.Any(l => l != classes.Positive && l != classes.Negative) || rows.Count == 0) return null;
                var decisions = Enumerable.Range(0, rows.Count).Select(i => rows.Reviewed[i] ? BinaryDecision.Review
                    : rows.Predicted[i] == classes.Positive || rows.Predicted[i] is null && rows.Scores[i] >= (spec.Policy.Threshold ?? 0.5) ? BinaryDecision.Positive
                    : BinaryDecision.Negative).ToList();
                return BinaryPricing.Price(rows.Labels.Select(l => l == classes.Positive).ToList(), decisions, outcomes, options).Values;
            }
            case MlTask.Multiclass when settings.Multiclass is { } matrix:
            {
                var index = spec.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
                if (rows.Count == 0 || rows.Labels.Any(l => !index.ContainsKey(l))) return null;
                var decided = Enumerable.Range(0, rows.Count).Select(i => rows.Reviewed[i] || rows.Predicted[i] is null || !index.ContainsKey(rows.Predicted[i]!) ? -1 : index[rows.Predicted[i]!]).ToList();
                return MulticlassPricing.Price(rows.Labels.Select(l => index[l]).ToList(), decided, matrix, options).Values;
            }
            case MlTask.Regression when settings.Regression is { } costs:
            {
                var truth = rows.Labels.Select(LabelledRows.Number).ToArray();
                if (rows.Count == 0 || truth.Any(double.IsNaN)) return null;
                return RegressionPricing.Price(truth, rows.Scores, costs).Values;
            }
            default:
                return null;
        }
    }

    public static RealizedValue? Measure(ServingSpec spec, DecisionSettings settings, LabelledRows rows, DecisionReport? promised, double rowsPerDay)
    {
        if (Price(spec, settings, rows) is not { Length: > 0 } values) return null;
        var volume = settings.Options.VolumePerDay ?? rowsPerDay;
        var perItem = values.Average();
        var promisedPerItem = promised?.ValuePerItem ?? double.NaN;
        return new RealizedValue(perItem, perItem * volume, promisedPerItem, promised?.ValuePerDay ?? promisedPerItem * volume, settings.Currency, values.Length);
    }

    public static IReadOnlyList<ValuePoint> PerDay(ServingSpec spec, DecisionSettings settings, LabelledRows rows, double rowsPerDay)
    {
        if (Price(spec, settings, rows) is not { Length: > 0 } values) return [];
        var volume = settings.Options.VolumePerDay ?? rowsPerDay;
        return Enumerable.Range(0, rows.Count).GroupBy(i => DateOnly.FromDateTime(rows.Times[i].UtcDateTime)).OrderBy(g => g.Key)
            .Select(g => new ValuePoint(g.Key, g.Count(), g.Average(i => values[i]), g.Average(i => values[i]) * volume)).ToList();
    }
}
