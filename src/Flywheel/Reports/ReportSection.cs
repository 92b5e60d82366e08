using System.Text;
using Flywheel.Reports.Charts;

namespace Flywheel.Reports;

/// <summary>A headed part of a report. Each method appends a block and returns the section, so calls chain.</summary>
public sealed class ReportSection
{
    private readonly List<IReportBlock> _blocks = [];
    private readonly List<ReportSection> _subsections = [];
    private readonly int _level;

    internal ReportSection(string heading, int level)
    {
        Heading = heading;
        _level = level;
    }

    public string Heading { get; }

    public ReportSection Paragraph(string text) => Add(new ParagraphBlock(text));

    public ReportSection Callout(string text, CalloutKind kind = CalloutKind.Info) => Add(new CalloutBlock(text, kind));

    /// <summary>A bulleted list (caveats, findings, next steps).</summary>
    public ReportSection BulletList(params IEnumerable<string> items) => Add(new BulletListBlock(items.ToList()));

    /// <summary>Monospaced text kept as written: formulas, file excerpts.</summary>
    public ReportSection Preformatted(string text) => Add(new PreformattedBlock(text));

    public ReportSection KeyFigures(params IEnumerable<KeyFigure> figures) => Add(new KeyFiguresBlock(figures.ToList()));

    public ReportSection Table(ReportTable table) => Add(new TableBlock(table));

    public ReportSection Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<TableCell>> rows, string? caption = null) =>
        Table(new ReportTable(headers, rows, caption));

    /// <summary>Renders <paramref name="chart"/> to inline SVG of the given size in pixels.</summary>
    public ReportSection Chart(IChart chart, int width = ChartRendering.DefaultWidth, int height = ChartRendering.DefaultHeight, string? caption = null) =>
        Add(new ChartBlock(chart.ToSvg(width, height), caption));

    /// <summary>A nested section (one heading level deeper), returned so it can be filled.</summary>
    public ReportSection Subsection(string heading)
    {
        var subsection = new ReportSection(heading, Math.Min(_level + 1, 6));
        _subsections.Add(subsection);
        return subsection;
    }

    internal void Render(StringBuilder html)
    {
        html.Append("<section>\n<h").Append(_level).Append('>').Append(HtmlText.Escape(Heading)).Append("</h").Append(_level).Append(">\n");
        foreach (var block in _blocks) block.Render(html);
        foreach (var subsection in _subsections) subsection.Render(html);
        html.Append("</section>\n");
    }

    private ReportSection Add(IReportBlock block)
    {
        _blocks.Add(block);
        return this;
    }
}
