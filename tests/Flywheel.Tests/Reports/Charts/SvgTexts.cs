using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Flywheel.Tests.Reports.Charts;

/// <summary>Reads the &lt;text&gt; elements of a rendered SVG: what they say and where they are drawn.</summary>
internal static partial class SvgTexts
{
    public sealed record SvgText(string Text, double X, double Y);

    public static IReadOnlyList<SvgText> Read(string svg)
    {
        var document = XDocument.Parse(svg); // also proves the SVG is well-formed XML
        return document.Descendants()
            .Where(e => e.Name.LocalName == "text")
            .Select(e =>
            {
                var translate = Translate().Match((string?)e.Attribute("transform") ?? "");
                return new SvgText(
                    e.Value.Trim(),
                    translate.Success ? double.Parse(translate.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                    translate.Success ? double.Parse(translate.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
            })
            .ToList();
    }

    [GeneratedRegex(@"translate\(([-0-9.e]+)[ ,]+([-0-9.e]+)\)")]
    private static partial Regex Translate();
}
