namespace Flywheel.Reports;

/// <summary>A table: column headers and rows of cells. Every row must have one cell per header.</summary>
public sealed record ReportTable
{
    public ReportTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<TableCell>> rows, string? caption = null)
    {
        if (headers.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(headers));
        Headers = headers;
        Rows = rows.ToList();
        Caption = caption;
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Count != headers.Count)
                throw new ArgumentException($"Row {i + 1} has {Rows[i].Count} cells; the table has {headers.Count} columns.", nameof(rows));
        }
    }

    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyList<IReadOnlyList<TableCell>> Rows { get; }
    public string? Caption { get; }
}
