using System.Text.Json.Serialization;
using Flywheel.Reports.Charts;

namespace Flywheel.Reports;

/// <summary>A headed part of a report. Each method appends a block and returns the section, so calls chain.</summary>
public sealed class ReportSection
{
    private readonly List<ReportBlock> _blocks;
    private readonly List<ReportSection> _subsections;

    internal ReportSection(string heading, int level)
        : this(heading, level, [], [])
    {
    }

    [JsonConstructor]
    public ReportSection(string heading, int level, IReadOnlyList<ReportBlock> blocks, IReadOnlyList<ReportSection> subsections)
    {
        Heading = heading;
        Level = level;
        _blocks = [.. blocks];
        _subsections = [.. subsections];
    }

    public string Heading { get; }

    /// <summary>The heading level: 2 for a page's sections, one deeper per nesting (at most 6).</summary>
    public int Level { get; }

    /// <summary>The blocks in reading order; subsections come after them.</summary>
    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    public IReadOnlyList<ReportSection> Subsections => _subsections;

    /// <summary>The tables of this section, in order.</summary>
    public IEnumerable<ReportTable> Tables => _blocks.OfType<TableBlock>().Select(block => block.Table);

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

    /// <summary>A chart spec, drawn at the given size in pixels by the renderer (SVG in HTML).</summary>
    public ReportSection Chart(IChart chart, int width = ChartRendering.DefaultWidth, int height = ChartRendering.DefaultHeight, string? caption = null) =>
        Add(new ChartBlock(chart, width, height, caption));

    /// <summary>A nested section (one heading level deeper), returned so it can be filled.</summary>
    public ReportSection Subsection(string heading)
    {
        var subsection = new ReportSection(heading, Math.Min(Level + 1, 6));
        _subsections.Add(subsection);
        return subsection;
    }

    private ReportSection Add(ReportBlock block)
    {
        _blocks.Add(block);
        return this;
    }
}
