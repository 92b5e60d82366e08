using ScottPlot;
using SkiaSharp;

namespace Flywheel.Reports.Charts;

/// <summary>
/// Picks the font charts are drawn and measured with. Noto Sans CJK JP covers Latin and Japanese, so when it is
/// installed (<c>.ci/run</c> installs fonts-noto-cjk) every text uses it; otherwise ScottPlot's detection picks a
/// font per text, falling back to its default.
/// </summary>
public static class ChartFonts
{
    public const string Preferred = "Noto Sans CJK JP";

    private static readonly Lazy<bool> PreferredInstalled = new(() =>
        SKFontManager.Default.GetFontFamilies().Contains(Preferred, StringComparer.OrdinalIgnoreCase));

    public static bool IsPreferredInstalled => PreferredInstalled.Value;

    /// <summary>The font family to draw <paramref name="text"/> with.</summary>
    public static string For(string text)
    {
        if (IsPreferredInstalled) return Preferred;
        var detected = Fonts.Detect(text);
        return string.IsNullOrEmpty(detected) ? Fonts.Default : detected;
    }
}
