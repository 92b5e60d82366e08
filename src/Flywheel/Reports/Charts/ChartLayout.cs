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
        if (!bottomCategories && !leftCategories && legendPanel is null && labelledBars.Count == 0 && heatmap is null) return;

        plot.RenderInMemory(width, height);
        if (bottomCategories || leftCategories)
        {
            var dataRect = plot.RenderManager.LastRender.DataRect;
            if (bottomCategories) CategoryLabels.FitBottom(plot.Axes.Bottom, dataRect, height);
            if (leftCategories) CategoryLabels.FitLeft(plot.Axes.Left, dataRect, width);
            plot.RenderInMemory(width, height);
        }
        var finalRect = plot.RenderManager.LastRender.DataRect;
        if (legendPanel is not null) FitLegendPanel(plot, legendPanel, finalRect);
        foreach (var bars in labelledBars) FitBarValueLabels(plot, bars, finalRect);
        if (heatmap is not null) FitCellValues(plot, heatmap, finalRect);
    }

    /// <summary>A value label wider than its bar would run into its neighbours': the font shrinks to the bar's width.</summary>
    private static void FitBarValueLabels(Plot plot, ScottPlot.Plottables.BarPlot bars, PixelRect dataRect)
    {
        var pixelsPerUnit = bars.Bars.First().Orientation == Orientation.Horizontal ? dataRect.Height / plot.Axes.Left.Range.Span : dataRect.Width / plot.Axes.Bottom.Range.Span;
        var narrowest = bars.Bars.Min(bar => bar.Size) * pixelsPerUnit;
        var widest = bars.Bars.Max(bar => TextSize.Width(bars.ValueLabelStyle, bar.Label));
        if (widest <= narrowest) return;
        bars.ValueLabelStyle.FontSize = (float)Math.Max(CategoryLabels.MinFontSize, bars.ValueLabelStyle.FontSize * narrowest / widest);
    }

    /// <summary>
    /// The values written in heatmap cells (the plot's only text plottables) shrink to fit the cells, and are left
    /// out when even the smallest size does not fit: the colour still tells the value.
    /// </summary>
    private static void FitCellValues(Plot plot, ScottPlot.Plottables.Heatmap heatmap, PixelRect dataRect)
    {
        var cellWidth = dataRect.Width / heatmap.Intensities.GetLength(1);
        var cellHeight = dataRect.Height / heatmap.Intensities.GetLength(0);
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>())
        {
            var style = text.LabelStyle;
            var scale = Math.Min((cellWidth - 2) / TextSize.Width(style, style.Text), (cellHeight - 1) / TextSize.LineHeight(style));
            if (scale >= 1) continue;
            var size = style.FontSize * scale;
            if (size < CategoryLabels.MinFontSize) text.IsVisible = false;
            else style.FontSize = size;
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
