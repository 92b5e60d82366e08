using Flywheel.Evaluation.Results;
using Flywheel.Value;

namespace Flywheel.Evaluation;

/// <summary>
/// The evaluation's results as named quantities the value model can use in formulas
/// (<c>after_workers = decision.reviewer_people</c>). Units are written in the Value stage's unit language;
/// "" means a plain number (a rate, a metric).
/// </summary>
public static class ValueVariables
{
    /// <summary>
    /// <c>model.&lt;metric&gt;</c> for every defined metric (undefined ones are left out), and, when the report has a
    /// decision analysis: <c>decision.value_per_item</c> (CUR/item), <c>decision.value_per_day</c> (CUR/day),
    /// <c>decision.value_per_item_at_half</c> (CUR/item), <c>decision.threshold</c>, <c>decision.review_rate</c>,
    /// <c>decision.automatic_rate</c>, <c>decision.prevalence</c>, <c>decision.reviewer_hours_per_day</c> (h/day),
    /// <c>decision.reviewer_people</c> (person), <c>decision.value_added_per_item</c> (CUR/item) and
    /// <c>decision.value_added_per_day</c> (CUR/day: the model policy's value over the best non-ML alternative) — each only when known.
    /// </summary>
    public static IReadOnlyDictionary<string, (double Amount, string Unit)> From(EvaluationReport report)
    {
        var variables = new SortedDictionary<string, (double Amount, string Unit)>(StringComparer.Ordinal);
        foreach (var metric in report.Metrics)
        {
            if (metric.Value is { } value) variables[$"model.{metric.Name}"] = (value, "");
        }
        if (report.Decision is not { } d) return variables;

        var perItem = d.Currency.Length == 0 ? "1/item" : $"{d.Currency}/item";
        var perDay = d.Currency.Length == 0 ? "1/day" : $"{d.Currency}/day";
        variables["decision.value_per_item"] = (d.ValuePerItem, perItem);
        variables["decision.review_rate"] = (d.ReviewRate, "");
        variables["decision.automatic_rate"] = (d.AutomaticRate, "");
        Add("decision.value_per_day", d.ValuePerDay, perDay);
        Add("decision.value_per_item_at_half", d.ValuePerItemAtHalf, perItem);
        Add("decision.threshold", d.Threshold is { } t && double.IsFinite(t) ? t : null, "");
        Add("decision.prevalence", d.Prevalence, "");
        Add("decision.reviewer_hours_per_day", d.ReviewerHoursPerDay, "h/day");
        Add("decision.reviewer_people", d.ReviewerPeople, "person");
        Add("decision.value_added_per_item", d.ValueAdded?.PerItem, perItem);
        Add("decision.value_added_per_day", d.ValueAdded?.PerDay, perDay);
        return variables;

        void Add(string name, double? amount, string unit)
        {
            if (amount is { } known) variables[name] = (known, unit);
        }
    }

    /// <summary>
    /// The same variables as <see cref="Quantity"/> values with their units, ready to pass as <c>externals</c> to
    /// <c>ValueAnalysis.Run</c> so formulas can say <c>after_workers = decision.reviewer_people</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, Quantity> Quantities(EvaluationReport report) =>
        From(report).ToDictionary(v => v.Key, v => UnitOf(v.Value.Unit).Of(v.Value.Amount), StringComparer.Ordinal);

    private static Value.Unit UnitOf(string text) => text.Length == 0 ? Value.Unit.One : Value.Unit.Parse(text);
}
