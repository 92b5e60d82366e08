using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;

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
        return RestoreIdeographs(ScopeIds(svg.Trim()));
    }

    /// <summary>
    /// Skia writes each glyph back as the lowest code point that maps to it. CJK fonts share glyphs between radicals
    /// (Kangxi U+2F00…, supplement U+2E80…) and the ideographs people type (月 U+6708 comes back as ⽉ U+2F49, 長 as
    /// ⻑ U+2ED1), which would make the SVG's text differ from what was given. Radicals are mapped back through the
    /// chart font's own glyph table, then through compatibility normalization for fonts without one.
    /// </summary>
    internal static string RestoreIdeographs(string text)
    {
        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u2E80' and <= '\u2FDF' && Ideograph(c) is { } ideograph)
            {
                result ??= new StringBuilder(text, 0, i, text.Length);
                result.Append(ideograph);
                continue;
            }
            result?.Append(c);
        }
        return result?.ToString() ?? text;
    }

    private static char? Ideograph(char radical)
    {
        if (SharedGlyphs.Value.TryGetValue(radical, out var ideograph)) return ideograph;
        var normalized = radical.ToString().Normalize(NormalizationForm.FormKC);
        return normalized.Length == 1 && normalized[0] != radical ? normalized[0] : null;
    }

    private static readonly Lazy<IReadOnlyDictionary<char, char>> SharedGlyphs = new(RadicalsSharingAGlyph);

    /// <summary>Each radical whose glyph in the chart font is also a unified ideograph's glyph, mapped to that ideograph.</summary>
    private static IReadOnlyDictionary<char, char> RadicalsSharingAGlyph()
    {
        if (!ChartFonts.IsPreferredInstalled) return new Dictionary<char, char>();
        using var typeface = SKTypeface.FromFamilyName(ChartFonts.Preferred);
        using var font = new SKFont(typeface);
        var ideographs = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00 + 1).Select(c => (char)c).ToArray();
        var ideographByGlyph = new Dictionary<ushort, char>();
        var glyphs = font.GetGlyphs(new string(ideographs));
        for (var i = 0; i < glyphs.Length; i++)
        {
            if (glyphs[i] != 0) ideographByGlyph.TryAdd(glyphs[i], ideographs[i]);
        }
        var radicals = Enumerable.Range(0x2E80, 0x2FDF - 0x2E80 + 1).Select(c => (char)c).ToArray();
        var radicalGlyphs = font.GetGlyphs(new string(radicals));
        var map = new Dictionary<char, char>();
        for (var i = 0; i < radicals.Length; i++)
        {
            if (radicalGlyphs[i] != 0 && ideographByGlyph.TryGetValue(radicalGlyphs[i], out var ideograph)) map[radicals[i]] = ideograph;
        }
        return map;
    }

    /// <summary>
    /// Skia numbers ids from zero in every SVG (<c>img_0</c>, <c>cl_1</c>); inlined side by side, a second chart's
    /// <c>url(#img_0)</c> would find the first chart's image. Each chart's ids get a prefix from a hash of its content.
    /// </summary>
    private static string ScopeIds(string svg)
    {
        if (!svg.Contains(" id=\"", StringComparison.Ordinal)) return svg;
        var prefix = "c" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..10] + "-";
        svg = IdAttribute().Replace(svg, m => $" id=\"{prefix}{m.Groups[1].Value}\"");
        return IdReference().Replace(svg, m => $"{m.Groups[1].Value}#{prefix}{m.Groups[2].Value}");
    }

    [GeneratedRegex(" id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("(url\\(|href=\")#([^)\"]+)")]
    private static partial Regex IdReference();

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
