using System.Globalization;
using Flywheel.Evaluation.Decisions;
using Flywheel.UseCases;

namespace Flywheel.Catalogs;

/// <summary>
/// What each outcome of a decision is worth, in one currency: for a binary model the value of a true positive,
/// false positive, false negative and true negative (costs negative, as in <c>decision.outcomes</c>); for a
/// multiclass model a matrix, rows the actual class and columns the predicted one (as in <c>decision.matrix</c>).
/// </summary>
public sealed record PriceTable
{
    private PriceTable(string currency, IReadOnlyDictionary<string, double> outcomes, IReadOnlyList<IReadOnlyList<double>>? matrix)
    {
        Currency = currency;
        Outcomes = outcomes;
        Matrix = matrix;
    }

    public string Currency { get; }

    public IReadOnlyDictionary<string, double> Outcomes { get; }

    public IReadOnlyList<IReadOnlyList<double>>? Matrix { get; }

    /// <summary>Items decided per day, such as "100 customers/day": turns value per item into value per day.</summary>
    public string? Volume { get; init; }

    public static PriceTable Binary(double truePositive, double falsePositive, double falseNegative, double trueNegative, string currency) =>
        new(currency, new Dictionary<string, double> { ["tp"] = truePositive, ["fp"] = falsePositive, ["fn"] = falseNegative, ["tn"] = trueNegative }, null);

    public static PriceTable Multiclass(IReadOnlyList<IReadOnlyList<double>> matrix, string currency) =>
        new(currency, new Dictionary<string, double>(), matrix);

    /// <summary>The table as the use-case file's <c>decision</c> section, read by the same code.</summary>
    internal DecisionSection ToSection()
    {
        var at = new SourcePosition("price table", 1, 1);
        Positioned<string> Amount(double value) => new(value.ToString("R", CultureInfo.InvariantCulture) + " " + Currency, at);
        return new DecisionSection(
            Volume is null ? null : new Positioned<string>(Volume, at),
            null,
            Outcomes.ToDictionary(pair => pair.Key, pair => Amount(pair.Value), StringComparer.Ordinal),
            Matrix?.Select(row => (IReadOnlyList<Positioned<string>>)row.Select(Amount).ToList()).ToList(),
            null, null, null, at);
    }

    internal DecisionSettings ToSettings() => DecisionSettings.From(ToSection());
}
