using Flywheel.Reports;
using Spectre.Console;

namespace Flywheel.Cli.Report;

/// <summary>
/// Renders a report document's <see cref="ReportTable"/> as a Spectre.Console table: the same cells as the HTML page
/// and the report JSON, numeric columns right-aligned and kept on one line, tones as colours.
/// </summary>
internal static class SpectreTables
{
    public static Table From(ReportTable table, string? title = null)
    {
        var rendered = new Table();
        if ((title ?? table.Caption) is { } heading) rendered.Title(Markup.Escape(heading));
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var column = new TableColumn(Markup.Escape(table.Headers[c]));
            // Numbers and the row labels stay on one line: a figure or a name split over two lines misreads.
            if (table.IsNumeric(c)) column.RightAligned().NoWrap();
            else if (c == 0) column.NoWrap();
            rendered.AddColumn(column);
        }
        foreach (var row in table.Rows) rendered.AddRow(row.Select(Cell).ToArray());
        return rendered;
    }

    public static string Cell(Flywheel.Reports.TableCell cell)
    {
        var text = Markup.Escape(cell.Text);
        return cell.Tone switch
        {
            CellTone.Good => $"[green]{text}[/]",
            CellTone.Warning => $"[yellow]{text}[/]",
            CellTone.Bad => $"[red]{text}[/]",
            _ => text,
        };
    }
}
