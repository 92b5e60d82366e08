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
        if (!bottomCategories && !leftCategories && legendPanel is null) return;

        plot.RenderInMemory(width, height);
        if (bottomCategories || leftCategories)
        {
            var dataRect = plot.RenderManager.LastRender.DataRect;
            if (bottomCategories) CategoryLabels.FitBottom(plot.Axes.Bottom, dataRect, height);
            if (leftCategories) CategoryLabels.FitLeft(plot.Axes.Left, dataRect, width);
            plot.RenderInMemory(width, height);
        }
        if (legendPanel is not null) FitLegendPanel(plot, legendPanel, plot.RenderManager.LastRender.DataRect);
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
