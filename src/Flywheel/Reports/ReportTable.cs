using System.Text.Json.Serialization;

namespace Flywheel.Reports;

/// <summary>A table: column headers and rows of typed cells, with an optional caption. Every row has one cell per header.</summary>
public sealed record ReportTable
{
    public ReportTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<TableCell>> rows, string? caption = null)
        : this(headers, rows.ToList(), caption, 0)
    {
    }

    [JsonConstructor]
    private ReportTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<TableCell>> rows, string? caption)
        : this(headers, rows, caption, 0)
    {
    }

    private ReportTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<TableCell>> rows, string? caption, int _)
    {
        if (headers.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(headers));
        Headers = headers;
        Rows = rows;
        Caption = caption;
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Count != headers.Count)
                throw new ArgumentException($"Row {i + 1} has {Rows[i].Count} cells; the table has {headers.Count} columns.", nameof(rows));
        }
    }

    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyList<IReadOnlyList<TableCell>> Rows { get; }
    public string? Caption { get; init; }

    /// <summary>Whether column <paramref name="column"/> holds numbers (every non-empty cell is one): renderers right-align it.</summary>
    public bool IsNumeric(int column) => Rows.Count > 0 && Rows.All(row => row[column].IsNumber || row[column].Text.Length == 0);

    /// <summary>The row whose first cell reads <paramref name="label"/>; null when there is none.</summary>
    public IReadOnlyList<TableCell>? Row(string label) => Rows.FirstOrDefault(row => row[0].Text == label);
}
