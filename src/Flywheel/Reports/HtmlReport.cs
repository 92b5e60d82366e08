using System.Text;
using Flywheel.Storage;

namespace Flywheel.Reports;

/// <summary>
/// Builds one self-contained HTML file: inline CSS and inline SVG charts, no scripts, fonts or links fetched from
/// anywhere, so a report can be mailed or archived and still open years later. All text given is HTML-escaped.
/// </summary>
public sealed class HtmlReport
{
    private readonly List<ReportSection> _sections = [];

    /// <param name="title">Page title and top heading.</param>
    /// <param name="subtitle">Optional line under the title (use case, date, model version).</param>
    public HtmlReport(string title, string? subtitle = null)
    {
        Title = title;
        Subtitle = subtitle;
    }

    public string Title { get; }
    public string? Subtitle { get; }

    /// <summary>Appends a top-level section and returns it to be filled.</summary>
    public ReportSection AddSection(string heading)
    {
        var section = new ReportSection(heading, level: 2);
        _sections.Add(section);
        return section;
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Escape(Title)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<header><h1>").Append(HtmlText.Escape(Title)).Append("</h1>");
        if (Subtitle is not null) html.Append("<p class=\"subtitle\">").Append(HtmlText.Escape(Subtitle)).Append("</p>");
        html.Append("</header>\n");
        foreach (var section in _sections) section.Render(html);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report as UTF-8 (without BOM) atomically: readers never see half a file.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToHtml());
}
