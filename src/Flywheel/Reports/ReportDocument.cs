using System.Text.Json.Serialization;
using Flywheel.Storage;

namespace Flywheel.Reports;

/// <summary>
/// A report page as data: a title and sections of key figures, callouts, tables of typed cells and chart specs,
/// computed once from the stage results. Renderers turn the same document into HTML (<see cref="HtmlRenderer"/>),
/// JSON for the web UI (<see cref="ReportJson"/>) and the CLI's tables, so no table is computed twice.
/// </summary>
public sealed class ReportDocument
{
    private readonly List<ReportSection> _sections;

    /// <param name="title">Page title and top heading.</param>
    /// <param name="subtitle">Optional line under the title (use case, date, model version).</param>
    public ReportDocument(string title, string? subtitle = null)
        : this(title, subtitle, [])
    {
    }

    [JsonConstructor]
    public ReportDocument(string title, string? subtitle, IReadOnlyList<ReportSection> sections)
    {
        Title = title;
        Subtitle = subtitle;
        _sections = [.. sections];
    }

    public string Title { get; }
    public string? Subtitle { get; }
    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>Appends a top-level section and returns it to be filled.</summary>
    public ReportSection AddSection(string heading)
    {
        var section = new ReportSection(heading, level: 2);
        _sections.Add(section);
        return section;
    }

    /// <summary>The section with this heading, at any depth; null when there is none.</summary>
    public ReportSection? Find(string heading) => Find(_sections, heading);

    private static ReportSection? Find(IEnumerable<ReportSection> sections, string heading)
    {
        foreach (var section in sections)
        {
            if (section.Heading == heading) return section;
            if (Find(section.Subsections, heading) is { } found) return found;
        }
        return null;
    }

    public string ToHtml() => HtmlRenderer.Render(this);

    public string ToJson() => ReportJson.Serialize(this);

    /// <summary>Writes the HTML page as UTF-8 (without BOM) atomically: readers never see half a file.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToHtml());

    /// <summary>Writes the document as JSON, atomically.</summary>
    public void SaveJson(string path) => AtomicFile.WriteAllText(path, ToJson());
}
