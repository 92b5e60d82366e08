using System.Globalization;
using Flywheel.Data.Preprocessing;

namespace Flywheel.Operate.Simulation;

/// <summary>How a drift changes its feature: multiply or shift a number, or move a category's share.</summary>
public enum DriftKind
{
    /// <summary><c>tenure=*1.5</c>: every value times the factor.</summary>
    Scale,
    /// <summary><c>tenure=+12</c> (or <c>-12</c>): every value plus the amount.</summary>
    Shift,
    /// <summary><c>contract=Month-to-month:0.8</c>: that level's share of the day's rows.</summary>
    Share,
}

/// <summary>
/// One <c>FEATURE=SPEC</c> drift at full strength. A drift grows over the simulated days (see
/// <see cref="SimulationSettings.Intensity"/>): at intensity t a scale of f multiplies by 1 + (f − 1)·t, a shift of a adds
/// a·t, and a share of p moves the level's share from the day's own share s to s + (p − s)·t.
/// </summary>
public sealed record DriftSpec(string Feature, DriftKind Kind, double Amount, string? Level, string Text)
{
    /// <summary>
    /// Reads <paramref name="text"/> against the columns rows are drawn from (the label excluded); every mistake is an
    /// <see cref="InputException"/> naming <paramref name="field"/>.
    /// </summary>
    public static DriftSpec Parse(string text, IReadOnlyList<TableColumn> columns, string field)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0 || equals == text.Length - 1)
            throw new InputException($"'{text}' is not a drift: write FEATURE=*1.5 or FEATURE=+12 (numbers) or FEATURE=LEVEL:0.8 (a category's share)", field);
        var feature = text[..equals].Trim();
        var spec = text[(equals + 1)..].Trim();
        var column = columns.FirstOrDefault(c => string.Equals(c.Name, feature, StringComparison.Ordinal))
            ?? throw new InputException($"'{text}' drifts '{feature}', which is not a feature of the requests; features: {string.Join(", ", columns.Select(c => c.Name))}", field);
        if (column.IsNumeric)
        {
            if (spec.Length > 1 && spec[0] == '*' && Number(spec[1..]) is { } factor) return new DriftSpec(feature, DriftKind.Scale, factor, null, text);
            if (spec.Length > 1 && spec[0] is '+' or '-' && Number(spec) is { } shift) return new DriftSpec(feature, DriftKind.Shift, shift, null, text);
            throw new InputException($"'{text}': '{feature}' is numeric; drift it by a factor (*1.5) or an amount (+12, -3)", field);
        }
        var colon = spec.LastIndexOf(':');
        if (colon <= 0)
            throw new InputException($"'{text}': '{feature}' is categorical; drift a level's share (LEVEL:0.8)", field);
        var level = spec[..colon];
        if (Number(spec[(colon + 1)..]) is not { } share || share is < 0 or > 1)
            throw new InputException($"'{text}': the share of '{level}' must be a number from 0 to 1, not '{spec[(colon + 1)..]}'", field);
        var levels = column.Strings().Where(v => v is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!levels.Contains(level, StringComparer.Ordinal))
            throw new InputException($"'{text}': '{feature}' has no level '{level}'; its levels: {string.Join(", ", levels.Take(20))}{(levels.Count > 20 ? ", …" : "")}", field);
        if (share < 1 && levels.Count == 1)
            throw new InputException($"'{text}': '{feature}' has no other level to give rows to", field);
        return new DriftSpec(feature, DriftKind.Share, share, level, text);
    }

    /// <summary>A numeric value drifted at <paramref name="intensity"/> (missing stays missing).</summary>
    public double Apply(double value, double intensity) => Kind switch
    {
        DriftKind.Scale => value * (1 + (Amount - 1) * intensity),
        DriftKind.Shift => value + Amount * intensity,
        _ => throw new InvalidOperationException($"a {Kind} drift does not change numbers"),
    };

    /// <summary>The level's share a day of natural share <paramref name="natural"/> gets at <paramref name="intensity"/>.</summary>
    public double ShareAt(double natural, double intensity) => natural + (Amount - natural) * intensity;

    private static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
