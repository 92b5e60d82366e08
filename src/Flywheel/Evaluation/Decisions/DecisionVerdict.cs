using System.Globalization;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// The decision analysis's answer in words, the same on every page and in the CLI: does the model beat what the
/// team would do without it, by how much, and how sure is that.
/// </summary>
public static class DecisionVerdict
{
    /// <summary>
    /// "The model adds 120 JPY per item (12,000 JPY/day) over acting on everyone on test, 90% interval [40, 210]." or,
    /// when an alternative was chosen, "The model does not yet beat acting on everyone: −30 JPY per item on test,
    /// interval [−80, 10]."; null without alternatives.
    /// </summary>
    public static string? Sentence(DecisionReport d)
    {
        if (d.ValueAdded is not { } added) return null;
        var over = Describe(added.Over);
        var interval = added.Interval90 is [var low, var high] ? $"[{Money(low, d.Currency)}, {Money(high, d.Currency)}]" : "";
        var perDay = added.PerDay is { } day ? $" ({Money(day, d.Currency)}/day)" : "";
        if (d.Policy != DecisionComparison.ModelPolicy)
            return $"The model does not yet beat {over}: {Money(added.PerItem, d.Currency)} per item{perDay} on test, 90% interval {interval}. " +
                   $"The decision is to keep {over} ({Money(d.ChosenAlternative?.TestValuePerItem ?? double.NaN, d.Currency)} per item on test) until a model beats it where the policy is chosen.";
        var sure = added.Interval90 is [var lo, _] && lo > 0 ? "" : " — the interval includes zero, so the gain is not yet certain";
        return $"The model adds {Money(added.PerItem, d.Currency)} per item{perDay} over {over} on test, 90% interval {interval}{sure}.";
    }

    /// <summary>"acting on everyone", "the rule 'calls'", "always answering 'Adelie'", "predicting the training median".</summary>
    public static string Describe(string alternative) => alternative switch
    {
        "act_on_all" => "acting on everyone",
        "act_on_none" => "acting on nobody",
        _ when alternative.StartsWith("rule:", StringComparison.Ordinal) => $"the rule step '{alternative[5..]}'",
        _ when alternative.StartsWith("always:", StringComparison.Ordinal) => $"always answering '{alternative[7..]}'",
        "constant:mean" => "predicting the training mean",
        "constant:median" => "predicting the training median",
        "constant:cost_optimal" => "predicting the cheapest constant",
        _ => alternative,
    };

    public static string Money(double amount, string currency) =>
        double.IsFinite(amount) ? $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {currency}".TrimEnd() : "-";
}
