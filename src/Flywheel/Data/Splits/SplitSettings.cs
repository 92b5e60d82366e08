using System.Globalization;
using Flywheel.UseCases;

namespace Flywheel.Data.Splits;

/// <summary>
/// Everything that decides an assignment besides the data: fractions, seed, strategy and the column the strategy
/// uses (the target when stratified, the group column when grouped, the date column when time-ordered).
/// </summary>
public sealed record SplitSettings(SplitFractions Fractions, int Seed, SplitStrategy Strategy, string? Column)
{
    /// <summary>
    /// Settings from the use-case file's <c>data.split</c>: a time column wins over a group column, which wins over
    /// stratification; stratification needs a classification target.
    /// </summary>
    public static SplitSettings From(SplitSpec spec, string? target, bool classification)
    {
        var fractions = new SplitFractions(spec.Train, spec.Validation, spec.Test);
        if (spec.Time is { } time) return new(fractions, spec.Seed, SplitStrategy.TimeOrdered, time);
        if (spec.By is { } group) return new(fractions, spec.Seed, SplitStrategy.Grouped, group);
        if (spec.Stratify && classification && target is not null) return new(fractions, spec.Seed, SplitStrategy.Stratified, target);
        return new(fractions, spec.Seed, SplitStrategy.Random, null);
    }

    /// <summary>A canonical one-line description; it is part of the split fingerprint, so its format is fixed.</summary>
    public string Canonical() => string.Create(CultureInfo.InvariantCulture,
        $"train={Fractions.Train:R};validation={Fractions.Validation:R};test={Fractions.Test:R};seed={Seed};strategy={Strategy};column={Column}");
}
