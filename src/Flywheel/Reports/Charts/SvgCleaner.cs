using System.Text;
using System.Text.RegularExpressions;

namespace Flywheel.Reports.Charts;

/// <summary>Turns Skia's standalone SVG document into an element fit to inline in HTML.</summary>
internal static partial class SvgCleaner
{
    private const string FallbackFonts =
        "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, sans-serif";

    public static string Clean(string svg, int width, int height, string title)
    {
        svg = XmlDeclaration().Replace(svg, "");
        svg = OpeningTag().Replace(svg,
            m => $"{m.Value[..^1]} viewBox=\"0 0 {width} {height}\" role=\"img\"><title>{HtmlText.Escape(title)}</title>",
            count: 1);
        svg = FontFamily().Replace(svg, m => $"font-family=\"{m.Groups[1].Value}, {FallbackFonts}\"");
        svg = TrailingListComma().Replace(svg, m => $"{m.Groups[1].Value}=\"{m.Groups[2].Value}\"");
        // Heatmaps are embedded as one pixel per cell and scaled up; browsers would blur the cells into each other.
        svg = ImageElement().Replace(svg, "<image style=\"image-rendering: pixelated\" ");
        return RestoreIdeographs(svg.Trim());
    }

    /// <summary>
    /// Skia writes each glyph back as the lowest code point that maps to it. CJK fonts share glyphs between Kangxi
    /// radicals (U+2F00…) and the ideographs people type (月 U+6708 comes back as ⽉ U+2F49), which would make the
    /// SVG's text differ from what was given. Compatibility normalization maps those radicals back.
    /// </summary>
    internal static string RestoreIdeographs(string text)
    {
        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u2E80' and <= '\u2FDF')
            {
                var normalized = c.ToString().Normalize(NormalizationForm.FormKC);
                if (normalized.Length == 1 && normalized[0] != c)
                {
                    result ??= new StringBuilder(text, 0, i, text.Length);
                    result.Append(normalized[0]);
                    continue;
                }
            }
            result?.Append(c);
        }
        return result?.ToString() ?? text;
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex OpeningTag();

    [GeneratedRegex("font-family=\"([^\"]*)\"")]
    private static partial Regex FontFamily();

    [GeneratedRegex(@"<image\s")]
    private static partial Regex ImageElement();

    [GeneratedRegex("\\b(x|y)=\"([^\"]*?),\\s*\"")]
    private static partial Regex TrailingListComma();
}
