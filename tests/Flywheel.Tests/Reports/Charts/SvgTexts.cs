using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Flywheel.Tests.Reports.Charts;

/// <summary>Reads the &lt;text&gt; elements of a rendered SVG: what they say and where they are drawn.</summary>
internal static partial class SvgTexts
{
    /// <param name="X">Horizontal translation of the text's frame.</param>
    /// <param name="Y">Vertical translation of the text's frame.</param>
    /// <param name="BaselineX">Where the first glyph's baseline starts, in image pixels.</param>
    /// <param name="BaselineY">Where the first glyph's baseline starts, in image pixels.</param>
    /// <param name="LastGlyphX">Where the last glyph starts, in image pixels.</param>
    /// <param name="LastGlyphY">Where the last glyph starts, in image pixels.</param>
    /// <param name="Turn">0 horizontal, −1 turned to read bottom to top, +1 turned to read top to bottom.</param>
    public sealed record SvgText(string Text, double X, double Y, double FontSize, double BaselineX, double BaselineY, double LastGlyphX, double LastGlyphY, int Turn)
    {
        public bool Upright => Turn != 0;
    }

    public static IReadOnlyList<SvgText> Read(string svg)
    {
        var document = XDocument.Parse(svg); // also proves the SVG is well-formed XML
        return document.Descendants()
            .Where(e => e.Name.LocalName == "text")
            .Select(e =>
            {
                var transform = (string?)e.Attribute("transform") ?? "";
                var (a, b, c, d, tx, ty) = Matrix(transform);
                var xs = Numbers((string?)e.Attribute("x"));
                var localX = xs.FirstOrDefault();
                var localY = Numbers((string?)e.Attribute("y")).FirstOrDefault();
                return new SvgText(
                    e.Value.Trim(), tx, ty, Numbers((string?)e.Attribute("font-size")).FirstOrDefault(),
                    a * localX + c * localY + tx, b * localX + d * localY + ty,
                    a * xs.LastOrDefault() + c * localY + tx, b * xs.LastOrDefault() + d * localY + ty,
                    Math.Abs(a) < 1e-6 ? Math.Sign(b) : 0);
            })
            .ToList();
    }

    /// <summary>The data area: the first clip rectangle, which ScottPlot puts around the plottables.</summary>
    public static (double Left, double Top, double Right, double Bottom) DataArea(string svg)
    {
        var rect = XDocument.Parse(svg).Descendants().First(e => e.Name.LocalName == "clipPath")
            .Descendants().First(e => e.Name.LocalName == "rect");
        double Get(string name) => double.Parse((string)rect.Attribute(name)!, CultureInfo.InvariantCulture);
        return (Get("x"), Get("y"), Get("x") + Get("width"), Get("y") + Get("height"));
    }

    private static (double A, double B, double C, double D, double Tx, double Ty) Matrix(string transform)
    {
        var translate = Translate().Match(transform);
        if (translate.Success) return (1, 0, 0, 1, Parse(translate.Groups[1].Value), Parse(translate.Groups[2].Value));
        var matrix = MatrixPattern().Match(transform);
        if (!matrix.Success) return (1, 0, 0, 1, 0, 0);
        var v = Enumerable.Range(1, 6).Select(i => Parse(matrix.Groups[i].Value)).ToArray();
        return (v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static double[] Numbers(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => Parse(n.Trim())).ToArray();

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"translate\(([-0-9.e]+)[ ,]+([-0-9.e]+)\)")]
    private static partial Regex Translate();

    [GeneratedRegex(@"matrix\(([-0-9.e]+)[ ,]+([-0-9.e]+)[ ,]+([-0-9.e]+)[ ,]+([-0-9.e]+)[ ,]+([-0-9.e]+)[ ,]+([-0-9.e]+)\)")]
    private static partial Regex MatrixPattern();
}
