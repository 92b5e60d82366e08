using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>
/// Layout decisions that need the image size: a first render in memory tells where the data area ends up, and
/// the parts around it are then sized to fit their text.
/// </summary>
internal static class ChartLayout
{
    public static void Fit(Plot plot, int width, int height)
    {
        var bottomCategories = CategoryLabels.AreOn(plot.Axes.Bottom);
        var leftCategories = CategoryLabels.AreOn(plot.Axes.Left);
        var legendPanel = plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().FirstOrDefault();
        var labelledBars = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().Where(bars => bars.Bars.Any(bar => bar.Label.Length > 0)).ToList();
        var heatmap = plot.GetPlottables<ScottPlot.Plottables.Heatmap>().FirstOrDefault();

        plot.RenderInMemory(width, height);
        if (bottomCategories || leftCategories)
        {
            var dataRect = plot.RenderManager.LastRender.DataRect;
            if (bottomCategories) CategoryLabels.FitBottom(plot.Axes.Bottom, dataRect, height);
            if (leftCategories) CategoryLabels.FitLeft(plot.Axes.Left, dataRect, width);
            plot.RenderInMemory(width, height);
        }
        if (legendPanel is not null)
        {
            FitLegendPanel(plot, legendPanel, plot.RenderManager.LastRender.DataRect);
            plot.RenderInMemory(width, height);
        }
        var finalRect = plot.RenderManager.LastRender.DataRect;
        FitAxisTitles(plot, finalRect, width, height);
        foreach (var bars in labelledBars) FitBarValueLabels(plot, bars, finalRect);
        if (heatmap is not null) FitCellValues(plot, heatmap, finalRect);
    }

    /// <summary>
    /// A title longer than the image is made smaller (down to 12 px) and then shortened with "…" in the middle, so
    /// both its ends stay readable instead of both being cut by the image's edges.
    /// </summary>
    private static void FitText(LabelStyle style, float room)
    {
        if (string.IsNullOrEmpty(style.Text)) return;
        var wide = TextSize.Width(style, style.Text);
        if (wide <= room) return;
        style.FontSize = Math.Max(12, style.FontSize * room / wide);
        style.Text = CategoryLabels.Ellipsize(style.Text, style, room);
    }

    /// <summary>The chart and axis titles are centred on the data area: each may extend as far as the nearer image edge allows.</summary>
    private static void FitAxisTitles(Plot plot, PixelRect dataRect, int width, int height)
    {
        var centreX = dataRect.HorizontalCenter;
        var centreY = dataRect.VerticalCenter;
        FitText(plot.Axes.Title.Label, 2 * Math.Min(centreX, width - centreX) - 8);
        FitText(plot.Axes.Bottom.Label, 2 * Math.Min(centreX, width - centreX) - 8);
        FitText(plot.Axes.Left.Label, 2 * Math.Min(centreY, height - centreY) - 8);
    }

    /// <summary>A value label wider than its bar would run into its neighbours': the font shrinks to the bar's width.</summary>
    private static void FitBarValueLabels(Plot plot, ScottPlot.Plottables.BarPlot bars, PixelRect dataRect)
    {
        var pixelsPerUnit = bars.Bars.First().Orientation == Orientation.Horizontal ? dataRect.Height / plot.Axes.Left.Range.Span : dataRect.Width / plot.Axes.Bottom.Range.Span;
        var narrowest = bars.Bars.Min(bar => bar.Size) * pixelsPerUnit;
        var widest = bars.Bars.Max(bar => TextSize.Width(bars.ValueLabelStyle, bar.Label));
        if (widest > narrowest)
            bars.ValueLabelStyle.FontSize = (float)Math.Max(CategoryLabels.MinFontSize, bars.ValueLabelStyle.FontSize * narrowest / widest);
        if (bars.Bars.First().Orientation == Orientation.Vertical) MakeRoomForValueLabels(plot, bars, dataRect);
    }

    /// <summary>
    /// In a short chart a fraction of the value range is not a line of text: the value axis is widened so the
    /// tallest bar's label (and the deepest negative bar's) stays inside the data area.
    /// </summary>
    private static void MakeRoomForValueLabels(Plot plot, ScottPlot.Plottables.BarPlot bars, PixelRect dataRect)
    {
        var range = plot.Axes.Left.Range;
        var unitsPerPixel = range.Span / dataRect.Height;
        var room = (TextSize.LineHeight(bars.ValueLabelStyle) + 4) * unitsPerPixel;
        var high = bars.Bars.Max(bar => Math.Max(bar.Value, bar.ValueBase));
        var low = bars.Bars.Min(bar => Math.Min(bar.Value, bar.ValueBase));
        var top = high > 0 ? Math.Max(range.Max, high + room) : range.Max;
        var bottom = low < 0 ? Math.Min(range.Min, low - room) : range.Min;
        plot.Axes.SetLimitsY(bottom, top);
    }

    /// <summary>
    /// The values written in heatmap cells (the plot's only text plottables) share one size, the largest at which
    /// every value fits its cell but not under <see cref="CategoryLabels.MinFontSize"/>; a value that still does not
    /// fit is left out (its colour still tells it).
    /// </summary>
    private static void FitCellValues(Plot plot, ScottPlot.Plottables.Heatmap heatmap, PixelRect dataRect)
    {
        var cellWidth = dataRect.Width / heatmap.Intensities.GetLength(1);
        var cellHeight = dataRect.Height / heatmap.Intensities.GetLength(0);
        var texts = plot.GetPlottables<ScottPlot.Plottables.Text>().ToList();
        if (texts.Count == 0) return;
        float Scale(ScottPlot.Plottables.Text text) =>
            Math.Min((cellWidth - 2) / TextSize.Width(text.LabelStyle, text.LabelStyle.Text), (cellHeight - 1) / TextSize.LineHeight(text.LabelStyle));
        var size = texts[0].LabelStyle.FontSize;
        var shared = Math.Clamp(size * texts.Min(Scale), CategoryLabels.MinFontSize, size);
        foreach (var text in texts)
        {
            text.LabelStyle.FontSize = shared;
            if (Scale(text) < 1) text.IsVisible = false;
        }
    }

    /// <summary>
    /// ScottPlot sizes a legend panel for one row but wraps the entries at the data area's width, which cuts off the
    /// rows after the first. The panel is given the height of the legend as it will be laid out.
    /// </summary>
    private static void FitLegendPanel(Plot plot, ScottPlot.Panels.LegendPanel panel, PixelRect dataRect)
    {
        using var paint = Paint.NewDisposablePaint();
        var layout = plot.Legend.GetLayout(new PixelSize(dataRect.Width, float.MaxValue), paint);
        panel.MinimumSize = layout.LegendRect.Height + panel.Padding.Vertical;
    }
}
