using Flywheel.UseCases;

namespace Flywheel.Evaluation.Decisions;

/// <summary>
/// The <c>decision</c> section of a use case turned into numbers: outcome values for whichever task it prices
/// (binary outcomes, a multiclass matrix, regression costs) and the options (prevalence, volume, review).
/// All amounts must share one currency; an amount written without one (<c>0</c>) takes it.
/// </summary>
public sealed record DecisionSettings(
    string Currency,
    BinaryOutcomeValues? Binary,
    MulticlassOutcomeValues? Multiclass,
    RegressionCosts? Regression,
    DecisionOptions Options)
{
    private static readonly string[] OutcomeKeys = ["tp", "fp", "fn", "tn"];

    /// <summary>Reads the section; a malformed amount, a missing outcome or a mixed currency is an <see cref="InputException"/> at its place.</summary>
    public static DecisionSettings From(DecisionSection section)
    {
        var currency = new CurrencyOf();

        BinaryOutcomeValues? binary = null;
        var outcomes = section.Outcomes.ToDictionary(o => o.Key, o => currency.Amount(o.Value, $"decision.outcomes.{o.Key}"));
        if (outcomes.Count > 0)
        {
            var missing = OutcomeKeys.FirstOrDefault(k => !outcomes.ContainsKey(k));
            if (missing is not null)
                throw section.Position.Error($"'decision.outcomes' needs tp, fp, fn and tn; '{missing}' is missing (write 0 JPY if it is worth nothing)");
        }

        double[][]? matrix = null;
        if (section.Matrix is { } rows)
        {
            matrix = rows.Select(row => row.Select(cell => currency.Amount(cell, "decision.matrix")).ToArray()).ToArray();
            if (matrix.Length < 2 || matrix.Any(row => row.Length != matrix.Length))
                throw section.Position.Error($"'decision.matrix' must be square, K rows of K amounts (rows = actual, columns = predicted), K ≥ 2; got {matrix.Length} row(s) of {string.Join("/", matrix.Select(r => r.Length).Distinct())}");
        }

        double? under = null, over = null;
        if (section.UnderPrediction is not null || section.OverPrediction is not null)
        {
            under = Cost(section.UnderPrediction, "decision.regression.under") ?? throw section.Position.Error("'decision.regression' needs 'under' (cost per unit the prediction is too low)");
            over = Cost(section.OverPrediction, "decision.regression.over") ?? throw section.Position.Error("'decision.regression' needs 'over' (cost per unit the prediction is too high)");
        }

        ReviewOptions? review = null;
        if (section.Review is { } spec)
            review = new ReviewOptions(Cost(spec.Cost, "decision.review.cost")!.Value, spec.Minutes, spec.HoursPerDay);

        var volume = section.Volume is { } volumeText ? DecisionText.ParsePerDay(volumeText, "decision.volume") : (double?)null;
        var name = currency.Name ?? "";
        if (outcomes.Count > 0)
            binary = new BinaryOutcomeValues(outcomes["tp"], outcomes["fp"], outcomes["fn"], outcomes["tn"], name);
        return new DecisionSettings(
            name,
            binary,
            matrix is null ? null : new MulticlassOutcomeValues(matrix, name),
            under is null ? null : new RegressionCosts(under.Value, over!.Value, name),
            new DecisionOptions(section.Prevalence, volume, review));

        double? Cost(Positioned<string>? text, string field)
        {
            if (text is null) return null;
            var amount = currency.Amount(text, field);
            if (amount < 0) throw text.Position.Error($"'{field}' is a cost, written as a positive amount, not '{text.Value}'");
            return amount;
        }
    }

    /// <summary>Collects the one currency of the section, failing at the first amount that names another.</summary>
    private sealed class CurrencyOf
    {
        private string? _field;
        public string? Name { get; private set; }

        public double Amount(Positioned<string> text, string field)
        {
            var money = DecisionText.ParseAmount(text, field);
            if (money.Currency is null) return money.Amount;
            if (Name is null) (Name, _field) = (money.Currency, field);
            else if (money.Currency != Name)
                throw text.Position.Error($"'{field}' is in {money.Currency} but '{_field}' is in {Name}; the decision section needs one currency");
            return money.Amount;
        }
    }
}
