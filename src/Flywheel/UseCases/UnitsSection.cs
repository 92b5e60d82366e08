using System.Text.RegularExpressions;

namespace Flywheel.UseCases;

/// <summary>
/// The <c>units</c> section: count units the use case adds to the built-in ones (<c>units: { counts: [application, 申込] }</c>).
/// A count is a label that cancels out, like <c>people</c> or <c>件</c>: <c>JPY/application × applications/day</c> is JPY/day.
/// The Value stage refuses a count that is already a time unit or a currency.
/// </summary>
public sealed record UnitsSection(IReadOnlyList<Positioned<string>> Counts)
{
    public static UnitsSection None { get; } = new([]);
}

internal static partial class UnitsSectionReader
{
    public static UnitsSection Read(MappingReader? section)
    {
        if (section is null) return UnitsSection.None;
        var counts = section.StringList("counts");
        foreach (var count in counts)
        {
            if (!Word().IsMatch(count.Value))
                throw count.Position.Error($"'units.counts' holds single words such as 'application' or '申込' (letters, digits, '_'), not '{count.Value}'");
        }
        section.RejectUnknownKeys();
        return new UnitsSection(counts);
    }

    // The formula tokenizer's name, without dots: a dotted name is a model figure, never a unit.
    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_]*$")]
    private static partial Regex Word();
}
