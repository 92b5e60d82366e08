using System.Text;
using Flywheel.Reports.Charts;

namespace Flywheel.Reports;

/// <summary>A piece of a section that knows how to write itself as HTML.</summary>
internal interface IReportBlock
{
    void Render(StringBuilder html);
}

internal sealed record ParagraphBlock(string Text) : IReportBlock
{
    public void Render(StringBuilder html) => html.Append("<p>").Append(HtmlText.Escape(Text)).Append("</p>\n");
}

internal sealed record CalloutBlock(string Text, CalloutKind Kind) : IReportBlock
{
    public void Render(StringBuilder html) =>
        html.Append("<div class=\"callout ").Append(Kind.ToString().ToLowerInvariant()).Append("\">")
            .Append(HtmlText.Escape(Text)).Append("</div>\n");
}

internal sealed record BulletListBlock(IReadOnlyList<string> Items) : IReportBlock
{
    public void Render(StringBuilder html)
    {
        html.Append("<ul>\n");
        foreach (var item in Items) html.Append("<li>").Append(HtmlText.Escape(item)).Append("</li>\n");
        html.Append("</ul>\n");
    }
}

internal sealed record PreformattedBlock(string Text) : IReportBlock
{
    public void Render(StringBuilder html) => html.Append("<pre>").Append(HtmlText.Escape(Text)).Append("</pre>\n");
}

internal sealed record KeyFiguresBlock(IReadOnlyList<KeyFigure> Figures) : IReportBlock
{
    public void Render(StringBuilder html)
    {
        html.Append("<div class=\"figures\">\n");
        foreach (var figure in Figures)
        {
            html.Append("<div class=\"figure\"><div class=\"label\">").Append(HtmlText.Escape(figure.Label))
                .Append("</div><div class=\"value\">").Append(HtmlText.Escape(figure.Value)).Append("</div>");
            if (figure.Note is not null) html.Append("<div class=\"note\">").Append(HtmlText.Escape(figure.Note)).Append("</div>");
            html.Append("</div>\n");
        }
        html.Append("</div>\n");
    }
}

internal sealed record TableBlock(ReportTable Table) : IReportBlock
{
    public void Render(StringBuilder html)
    {
        var numericColumn = Enumerable.Range(0, Table.Headers.Count)
            .Select(c => Table.Rows.Count > 0 && Table.Rows.All(row => row[c].IsNumber || row[c].Text.Length == 0))
            .ToArray();
        html.Append("<table>\n");
        if (Table.Caption is not null) html.Append("<caption>").Append(HtmlText.Escape(Table.Caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        for (var c = 0; c < Table.Headers.Count; c++)
            html.Append(numericColumn[c] ? "<th class=\"num\">" : "<th>").Append(HtmlText.Escape(Table.Headers[c])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in Table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append(cell.IsNumber ? "<td class=\"num\">" : "<td>").Append(HtmlText.Escape(cell.Text)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }
}

/// <summary>An inline SVG chart; the SVG comes from <see cref="ChartRendering"/>, which escapes every text it draws.</summary>
internal sealed record ChartBlock(string Svg, string? Caption) : IReportBlock
{
    public void Render(StringBuilder html)
    {
        html.Append("<figure>\n").Append(Svg).Append('\n');
        if (Caption is not null) html.Append("<figcaption>").Append(HtmlText.Escape(Caption)).Append("</figcaption>\n");
        html.Append("</figure>\n");
    }
}
