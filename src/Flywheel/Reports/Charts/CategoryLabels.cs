using ScottPlot;
using ScottPlot.TickGenerators;

namespace Flywheel.Reports.Charts;

/// <summary>
/// Keeps category labels (bar names, heatmap rows and columns, tornado parameters) readable when there are many or
/// they are long: too long a label loses its middle to an ellipsis, column labels that do not fit side by side are
/// turned upright, labels are made smaller (down to <see cref="MinFontSize"/>) when rows are dense, and only every
/// k-th label is written when even that is too tight.
/// </summary>
internal static class CategoryLabels
{
    public const float MinFontSize = 8;
    private const float Gap = 3;

    /// <summary>Whether the axis carries category labels (fixed ticks with text) rather than numbers.</summary>
    public static bool AreOn(IAxis axis) => axis.TickGenerator is NumericManual;

    /// <summary>Fits the bottom axis's labels to the data area's width: shortened, upright if needed, thinned out.</summary>
    public static void FitBottom(IAxis axis, PixelRect dataRect, int height)
    {
        var ticks = Ticks(axis);
        if (ticks.Length == 0) return;
        var style = axis.TickLabelStyle;
        var spacing = Spacing(ticks, dataRect.Width, axis.Range.Span);
        ticks = Shorten(ticks, style, maxWidth: height * 0.35f);
        var widest = ticks.Max(t => TextSize.Width(style, t.Label));
        if (widest + Gap <= spacing) return;

        // Upright, reading bottom to top, each label ending at its tick.
        style.Rotation = -90;
        style.Alignment = Alignment.MiddleRight;
        var thinned = FitAcross(ticks, style, spacing);
        axis.TickGenerator = new NumericManual(thinned);
        var tallest = thinned.Max(t => TextSize.Width(style, t.Label));
        var title = string.IsNullOrEmpty(axis.Label.Text) ? 0 : TextSize.LineHeight(axis.Label);
        axis.MinimumSize = tallest + title + axis.MajorTickStyle.Length + style.OffsetY + 2 * Gap + 4;
    }

    /// <summary>Fits the left axis's labels to the data area's height: shortened, smaller and thinned when dense.</summary>
    public static void FitLeft(IAxis axis, PixelRect dataRect, int width)
    {
        var ticks = Ticks(axis);
        if (ticks.Length == 0) return;
        var style = axis.TickLabelStyle;
        ticks = Shorten(ticks, style, maxWidth: width * 0.35f);
        axis.TickGenerator = new NumericManual(FitAcross(ticks, style, Spacing(ticks, dataRect.Height, axis.Range.Span)));
    }

    /// <summary>
    /// Labels stacked across their reading direction (rows on the left, upright columns at the bottom) need a line
    /// height each: the font shrinks to fit, and below the smallest size only every k-th label is kept.
    /// </summary>
    private static Tick[] FitAcross(Tick[] ticks, LabelStyle style, double spacing)
    {
        var lineHeightPerPoint = TextSize.LineHeight(style) / style.FontSize;
        var fitting = (float)(spacing / lineHeightPerPoint);
        style.FontSize = Math.Clamp(fitting, MinFontSize, style.FontSize);
        var every = (int)Math.Ceiling(style.FontSize * lineHeightPerPoint / spacing);
        return every <= 1 ? ticks : ticks.Select((t, i) => i % every == 0 ? t : new Tick(t.Position, "", t.IsMajor)).ToArray();
    }

    private static Tick[] Ticks(IAxis axis) =>
        ((NumericManual)axis.TickGenerator).Ticks.Where(t => t.IsMajor).ToArray();

    /// <summary>Pixels between neighbouring category positions.</summary>
    private static double Spacing(Tick[] ticks, float pixels, double span)
    {
        if (ticks.Length < 2 || span <= 0) return double.MaxValue;
        var positions = ticks.Select(t => t.Position).Order().ToArray();
        var step = positions.Zip(positions.Skip(1), (a, b) => b - a).Where(d => d > 0).DefaultIfEmpty(span).Min();
        return step * pixels / span;
    }

    private static Tick[] Shorten(Tick[] ticks, LabelStyle style, float maxWidth) =>
        ticks.Select(t => new Tick(t.Position, Ellipsize(t.Label, style, maxWidth), t.IsMajor)).ToArray();

    /// <summary>
    /// The label with its middle replaced by "…" so it is at most <paramref name="maxWidth"/> pixels wide. The middle
    /// goes, not the end: column names often share a prefix and differ at the end (<c>Garage_Finish_…_3</c>).
    /// </summary>
    internal static string Ellipsize(string label, LabelStyle style, float maxWidth)
    {
        if (TextSize.Width(style, label) <= maxWidth) return label;
        for (var keep = label.Length - 1; keep > 1; keep--)
        {
            var tail = keep / 2;
            var shortened = label[..(keep - tail)] + "…" + label[^tail..];
            if (TextSize.Width(style, shortened) <= maxWidth) return shortened;
        }
        return label[..1] + "…";
    }
}
