using ScottPlot;
using Flywheel.Storage;

namespace Flywheel.Reports.Charts;

/// <summary>Renders charts to SVG text (for inline HTML) or PNG bytes (Skia), with fonts that can draw the chart's text.</summary>
public static class ChartRendering
{
    public const int DefaultWidth = 720;
    public const int DefaultHeight = 400;

    /// <summary>An <c>&lt;svg&gt;</c> element ready to inline in HTML: text kept as &lt;text&gt; elements, no XML declaration.</summary>
    public static string ToSvg(this IChart chart, int width = DefaultWidth, int height = DefaultHeight)
    {
        CheckSize(width, height);
        var plot = Prepare(chart, width, height);
        return SvgCleaner.Clean(plot.GetSvgXml(width, height), width, height, chart.Title);
    }

    public static byte[] ToPng(this IChart chart, int width = DefaultWidth, int height = DefaultHeight)
    {
        CheckSize(width, height);
        var plot = Prepare(chart, width, height);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Writes the chart as a PNG file atomically.</summary>
    public static void SavePng(this IChart chart, string path, int width = DefaultWidth, int height = DefaultHeight) =>
        AtomicFile.WriteAllBytes(path, chart.ToPng(width, height));

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
    }

    private static Plot Prepare(IChart chart, int width, int height)
    {
        var plot = chart.ToPlot();
        var font = ChartFonts.For(AllText(plot, chart));
        plot.Font.Set(font);
        // The legend's own per-render font detection finds nothing for CJK text on Linux.
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.FontName = font;
        ChartLayout.Fit(plot, width, height);
        GlyphPlacement.CorrectAll(plot);
        CorrectLegendLabels(plot);
        return plot;
    }

    /// <summary>
    /// Legend labels need the same correction as every other text (<see cref="GlyphPlacement"/>), but ScottPlot
    /// builds plottables' legend items afresh on each render. The items are taken over as manual items so each
    /// label's offset sticks.
    /// </summary>
    private static void CorrectLegendLabels(Plot plot)
    {
        var items = plot.GetPlottables()
            .Where(plottable => plottable.IsVisible)
            .SelectMany(plottable => plottable.LegendItems)
            .Where(item => !string.IsNullOrEmpty(item.LabelText))
            .Concat(plot.Legend.ManualItems)
            .ToList();
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.ManualItems.Clear();
        foreach (var item in items)
        {
            GlyphPlacement.Correct(item.LabelStyle, plot.Legend.FontSize, plot.Legend.FontName);
            plot.Legend.ManualItems.Add(item);
        }
    }

    /// <summary>The texts a font must cover: the title and the axis labels and ticks are enough to detect the script.</summary>
    private static string AllText(Plot plot, IChart chart) =>
        string.Concat(chart.Title, plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text);
}
