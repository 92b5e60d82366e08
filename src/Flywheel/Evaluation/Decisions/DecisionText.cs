using System.Globalization;
using System.Text.RegularExpressions;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Evaluation.Decisions;

/// <summary>An amount of money; <see cref="Currency"/> is null when the text named none (e.g. <c>0</c>).</summary>
public readonly record struct Money(double Amount, string? Currency);

/// <summary>
/// The small parser for the <c>decision</c> section's texts: amounts such as <c>-500 JPY</c>, <c>−200,000 JPY</c>
/// (Unicode minus and thousands separators accepted) and volumes such as <c>3000 customers/day</c>. Currency and
/// time words come from the Value stage's <see cref="UnitCatalog"/> (so <c>円</c> is JPY and <c>件/日</c> is per day).
/// </summary>
public static partial class DecisionText
{
    private const string NumberPattern = @"(?<sign>[+\-−]?)\s*(?<number>(?:\d{1,3}(?:,\d{3})+|\d[\d_]*)(?:\.\d+)?(?:[eE][+\-]?\d+)?|\.\d+)";

    [GeneratedRegex(@"^\s*" + NumberPattern + @"\s*(?<currency>\p{L}+)?\s*$")]
    private static partial Regex AmountRegex();

    [GeneratedRegex(@"^\s*" + NumberPattern + @"\s*(?<label>\p{L}[\p{L}\p{N}_]*)?\s*/\s*(?<time>\p{L}+)\s*$")]
    private static partial Regex VolumeRegex();

    /// <summary>Reads an amount like <c>-500 JPY</c>; <paramref name="field"/> names it in the error.</summary>
    public static Money ParseAmount(Positioned<string> text, string field)
    {
        var match = AmountRegex().Match(text.Value);
        if (!match.Success)
            throw text.Position.Error($"'{field}' must be an amount of money such as '-500 JPY', not '{text.Value}'");
        var amount = NumberOf(match);
        if (!match.Groups["currency"].Success) return new Money(amount, null);
        var word = match.Groups["currency"].Value;
        var currency = UnitCatalog.Find(word)?.Dimension is { IsCurrencyAmount: true } dimension ? dimension.Currency : null;
        return currency is null
            ? throw text.Position.Error($"'{field}': '{word}' is not a currency; write a three-letter code such as JPY or USD")
            : new Money(amount, currency);
    }

    /// <summary>
    /// Reads a volume like <c>3000 customers/day</c> as items per day (the label is free; per s, min, h, day,
    /// week, month = 365.25/12 days, year = 365.25 days, or their Japanese names).
    /// </summary>
    public static double ParsePerDay(Positioned<string> text, string field)
    {
        var match = VolumeRegex().Match(text.Value);
        if (!match.Success)
            throw text.Position.Error($"'{field}' must be a count per time such as '3000 items/day', not '{text.Value}'");
        var perUnit = NumberOf(match);
        if (perUnit < 0) throw text.Position.Error($"'{field}' cannot be negative: '{text.Value}'");
        var timeWord = match.Groups["time"].Value;
        var time = UnitCatalog.Find(timeWord) is { Dimension.IsTime: true } unit ? unit : null;
        if (time is null)
            throw text.Position.Error($"'{field}': unknown time unit '{timeWord}'; expected s, min, h, day, week, month or year");
        var unitsPerDay = 1 / time.Factor; // Factor is the unit's length in days
        return perUnit * unitsPerDay;
    }

    private static double NumberOf(Match match)
    {
        var digits = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        var value = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        return match.Groups["sign"].Value is "-" or "−" ? -value : value;
    }
}
