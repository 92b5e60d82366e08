using System.Text.Json.Serialization;

namespace Flywheel.Reports;

/// <summary>What a cell holds: words, or a number as a plain figure, an amount of money or a percentage.</summary>
public enum CellKind
{
    Text,
    Number,
    Money,
    Percent,
}

/// <summary>How a cell reads at a glance: good (a go), a warning (a placeholder), bad (a no-go). Renderers colour it.</summary>
public enum CellTone
{
    None,
    Good,
    Warning,
    Bad,
}

/// <summary>
/// One typed table cell: its kind, the text every renderer shows (formatted once, by <see cref="NumberText"/>), and
/// for numbers the raw value and unit so a UI can sort or re-format them. Numbers are right-aligned.
/// Numbers, strings and null convert implicitly, so a row can be written as <c>new TableCell[] { "churn", 0.25, 3 }</c>.
/// </summary>
public readonly record struct TableCell
{
    [JsonConstructor]
    public TableCell(CellKind kind, string text, double? value = null, string? unit = null, CellTone tone = CellTone.None)
    {
        Kind = kind;
        Text = text;
        Value = value;
        Unit = unit;
        Tone = tone;
    }

    public CellKind Kind { get; }
    public string Text { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unit { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public CellTone Tone { get; }

    [JsonIgnore]
    public bool IsNumber => Kind != CellKind.Text;

    /// <summary>A cell holding an already formatted number ("76 → 50 days", "1 – 3"): right-aligned.</summary>
    public static TableCell Number(string formatted) => new(CellKind.Number, formatted);

    public static TableCell Plain(string? text, CellTone tone = CellTone.None) => new(CellKind.Text, text ?? "", tone: tone);

    /// <summary>A number with an optional unit: "37,850", "1.5 items/day"; NaN as "—", infinities as "∞".</summary>
    public static TableCell Number(double value, string? unit = null) =>
        new(CellKind.Number, NumberText.WithUnit(value, unit), double.IsFinite(value) ? value : null, string.IsNullOrEmpty(unit) ? null : unit);

    public static TableCell Money(double value, string currency) =>
        new(CellKind.Money, NumberText.Money(value, currency), double.IsFinite(value) ? value : null, currency);

    /// <summary>A ratio shown as a percentage (0.253 → "25.3 %"); the value kept is the ratio. Null shows "—".</summary>
    public static TableCell Percent(double? ratio) =>
        new(CellKind.Percent, NumberText.Percent(ratio), ratio is { } r && double.IsFinite(r) ? r : null, "%");

    /// <summary>A duration in days ("45 days", "400 days (13.1 months)", "never").</summary>
    public static TableCell Days(double? days) => new(CellKind.Number, NumberText.Days(days), days, days is null ? null : "days");

    public static implicit operator TableCell(string? text) => Plain(text);
    public static implicit operator TableCell(double value) => Number(value);
    public static implicit operator TableCell(int value) => Number(value);
    public static implicit operator TableCell(long value) => Number(value);
    public static implicit operator TableCell(decimal value) => Number((double)value);
}
