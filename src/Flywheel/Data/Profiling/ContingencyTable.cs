namespace Flywheel.Data.Profiling;

/// <summary>Counts of each (row level, column level) pair of two categorical columns.</summary>
public sealed record ContingencyTable(IReadOnlyList<string> RowLevels, IReadOnlyList<string> ColumnLevels, long[,] Counts)
{
    public long N => Counts.Cast<long>().Sum();

    public long Count(string row, string column)
    {
        var i = RowLevels.ToList().IndexOf(row);
        var j = ColumnLevels.ToList().IndexOf(column);
        return i < 0 || j < 0 ? 0 : Counts[i, j];
    }

    internal static ContingencyTable From(IEnumerable<GroupingSets.Group> groups)
    {
        var cells = groups.Select(group => (Row: group.Keys[0], Column: group.Keys[1], Count: (long)(group.Values[0] ?? 0))).ToList();
        var rows = cells.Select(cell => cell.Row).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = cells.Select(cell => cell.Column).Distinct().Order(StringComparer.Ordinal).ToList();
        var rowIndex = rows.Select((level, index) => (level, index)).ToDictionary(pair => pair.level, pair => pair.index);
        var columnIndex = columns.Select((level, index) => (level, index)).ToDictionary(pair => pair.level, pair => pair.index);
        var counts = new long[rows.Count, columns.Count];
        foreach (var cell in cells) counts[rowIndex[cell.Row], columnIndex[cell.Column]] = cell.Count;
        return new ContingencyTable(rows, columns, counts);
    }
}
