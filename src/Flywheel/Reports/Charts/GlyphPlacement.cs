using ScottPlot;
using SkiaSharp;

namespace Flywheel.Reports.Charts;

/// <summary>
/// Puts text where ScottPlot meant it to be. ScottPlot sizes a label by the font's line height but draws its baseline
/// the font's bounding-box bottom above the box's lower edge, where the descent belongs. For fonts whose bounding
/// box reaches far below the baseline — Noto Sans CJK's reaches a whole em — every text is drawn too far "up" in its
/// own frame: tick labels float above their ticks, value labels hover over bars, the first legend entry is clipped,
/// a rotated axis title runs off the image. Each label is moved back by the difference, measured from the font.
/// </summary>
internal static class GlyphPlacement
{
    /// <summary>How far, in pixels, ScottPlot draws text in <paramref name="fontName"/> too high at <paramref name="fontSize"/>.</summary>
    public static float Misplacement(string fontName, float fontSize, bool bold = false)
    {
        using var font = new SKFont(Fonts.GetTypeface(fontName, bold, italic: false), fontSize);
        font.GetFontMetrics(out var metrics);
        return Math.Max(0, metrics.Bottom - metrics.Descent);
    }

    /// <summary>Moves the label down its own (possibly rotated) frame by the measured misplacement.</summary>
    public static void Correct(LabelStyle style, float? fontSizeOverride = null, string? fontNameOverride = null, float fraction = 1)
    {
        var shift = fraction * Misplacement(fontNameOverride ?? style.FontName, fontSizeOverride ?? style.FontSize, style.Bold);
        // The offset is applied before the rotation: the label's "down" is (−sin r, cos r) on screen.
        var radians = style.Rotation * Math.PI / 180;
        style.OffsetX += (float)(-Math.Sin(radians) * shift);
        style.OffsetY += (float)(Math.Cos(radians) * shift);
    }

    /// <summary>Corrects every text ScottPlot draws for the charts in this toolkit: title, axes, colour bars, text and bar labels.</summary>
    public static void CorrectAll(Plot plot)
    {
        Correct(plot.Axes.Title.Label);
        foreach (var axis in plot.Axes.GetAxes())
        {
            Correct(axis.Label);
            Correct(axis.TickLabelStyle);
        }
        foreach (var panel in plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>())
        {
            // The colour bar's title strip starts right at the tick labels: moved all the way back, the title would
            // touch them; halfway leaves it clear of both the tick labels and the image's edge.
            Correct(panel.LabelStyle, fraction: 0.5f);
            Correct(panel.Axis.TickLabelStyle);
        }
        foreach (var plottable in plot.GetPlottables())
        {
            switch (plottable)
            {
                case ScottPlot.Plottables.Text text:
                    Correct(text.LabelStyle);
                    break;
                case ScottPlot.Plottables.BarPlot bars:
                    Correct(bars.ValueLabelStyle);
                    break;
            }
        }
    }
}
