using System.Text;
using Flywheel.Reports.Charts;

namespace Flywheel.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML file: inline CSS and inline SVG charts drawn
/// from their specs, no scripts, fonts or links fetched from anywhere, so a report can be mailed or archived and still
/// open years later. All text is HTML-escaped.
/// </summary>
public static class HtmlRenderer
{
    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Escape(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<header><h1>").Append(HtmlText.Escape(document.Title)).Append("</h1>");
        if (document.Subtitle is not null) html.Append("<p class=\"subtitle\">").Append(HtmlText.Escape(document.Subtitle)).Append("</p>");
        html.Append("</header>\n");
        foreach (var section in document.Sections) Section(html, section);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Section(StringBuilder html, ReportSection section)
    {
        html.Append("<section>\n<h").Append(section.Level).Append('>').Append(HtmlText.Escape(section.Heading)).Append("</h").Append(section.Level).Append(">\n");
        foreach (var block in section.Blocks) Block(html, block);
        foreach (var subsection in section.Subsections) Section(html, subsection);
        html.Append("</section>\n");
    }

    private static void Block(StringBuilder html, ReportBlock block)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                html.Append("<p>").Append(HtmlText.Escape(paragraph.Text)).Append("</p>\n");
                break;
            case CalloutBlock callout:
                html.Append("<div class=\"callout ").Append(callout.Kind.ToString().ToLowerInvariant()).Append("\">")
                    .Append(HtmlText.Escape(callout.Text)).Append("</div>\n");
                break;
            case BulletListBlock list:
                html.Append("<ul>\n");
                foreach (var item in list.Items) html.Append("<li>").Append(HtmlText.Escape(item)).Append("</li>\n");
                html.Append("</ul>\n");
                break;
            case PreformattedBlock pre:
                html.Append("<pre>").Append(HtmlText.Escape(pre.Text)).Append("</pre>\n");
                break;
            case KeyFiguresBlock figures:
                KeyFigures(html, figures.Figures);
                break;
            case TableBlock table:
                Table(html, table.Table);
                break;
            case ChartBlock chart:
                // The SVG comes from ChartRendering, which escapes every text it draws.
                html.Append("<figure>\n").Append(chart.Chart.ToSvg(chart.Width, chart.Height)).Append('\n');
                if (chart.Caption is not null) html.Append("<figcaption>").Append(HtmlText.Escape(chart.Caption)).Append("</figcaption>\n");
                html.Append("</figure>\n");
                break;
            default:
                throw new NotSupportedException($"no HTML for a {block.GetType().Name}");
        }
    }

    private static void KeyFigures(StringBuilder html, IReadOnlyList<KeyFigure> figures)
    {
        html.Append("<div class=\"figures\">\n");
        foreach (var figure in figures)
        {
            html.Append("<div class=\"figure\"><div class=\"label\">").Append(HtmlText.Escape(figure.Label))
                .Append("</div><div class=\"value\">").Append(HtmlText.Escape(figure.Value)).Append("</div>");
            if (figure.Note is not null) html.Append("<div class=\"note\">").Append(HtmlText.Escape(figure.Note)).Append("</div>");
            html.Append("</div>\n");
        }
        html.Append("</div>\n");
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        var numeric = Enumerable.Range(0, table.Headers.Count).Select(table.IsNumeric).ToArray();
        html.Append("<table>\n");
        if (table.Caption is not null) html.Append("<caption>").Append(HtmlText.Escape(table.Caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        for (var c = 0; c < table.Headers.Count; c++)
            html.Append(numeric[c] ? "<th class=\"num\">" : "<th>").Append(HtmlText.Escape(table.Headers[c])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                var classes = string.Join(' ', new[] { cell.IsNumber ? "num" : null, cell.Tone == CellTone.None ? null : cell.Tone.ToString().ToLowerInvariant() }.OfType<string>());
                html.Append(classes.Length == 0 ? "<td>" : $"<td class=\"{classes}\">").Append(HtmlText.Escape(cell.Text)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }
}
