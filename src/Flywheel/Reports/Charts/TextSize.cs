using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>Text measured the way ScottPlot will draw it (font, size and boldness of the style).</summary>
internal static class TextSize
{
    public static float Width(LabelStyle style, string text)
    {
        using var paint = Paint.NewDisposablePaint();
        return style.Measure(text, paint).Width;
    }

    public static float LineHeight(LabelStyle style)
    {
        using var paint = Paint.NewDisposablePaint();
        return style.Measure("Ag", paint).LineHeight;
    }
}
