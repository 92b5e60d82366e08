using System.Globalization;
using Flywheel.Data.Preprocessing;

namespace Flywheel.Data.Splits;

/// <summary>Reads the per-row values a split strategy needs out of a table, with errors that name the column.</summary>
public static class TableSplitKeys
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss", "yyyy-MM", "yyyyMMdd", "yyyy"];

    public static SplitKeys From(ColumnTable table, SplitSettings settings, string? describedIn = null)
    {
        var file = describedIn ?? table.File;
        return settings.Strategy switch
        {
            SplitStrategy.Stratified => new SplitKeys(table.RowCount, Labels: Strings(Column(table, settings.Column, "the stratification target ('data.target')", file))),
            SplitStrategy.Grouped => new SplitKeys(table.RowCount, Groups: Strings(Column(table, settings.Column, "the group column ('data.split.by' / --by)", file))),
            SplitStrategy.TimeOrdered => new SplitKeys(table.RowCount, Times: Times(Column(table, settings.Column, "the date column ('data.split.time' / --time)", file), file)),
            _ => SplitKeys.ForRows(table.RowCount),
        };
    }

    private static TableColumn Column(ColumnTable table, string? name, string role, string? file) =>
        name is null
            ? throw new ArgumentException($"{role} is not named")
            : table.Find(name) ?? throw new InputException($"{role} is '{name}', but the data has no such column; columns are: {string.Join(", ", table.Columns.Select(c => c.Name))}", file);

    private static string?[] Strings(TableColumn column) => Enumerable.Range(0, column.Count).Select(column.String).ToArray();

    private static DateTime[] Times(TableColumn column, string? file)
    {
        var times = new DateTime[column.Count];
        for (var row = 0; row < column.Count; row++)
        {
            var text = column.String(row)
                ?? throw new InputException($"the date column '{column.Name}' is empty in data row {row + 1}; a time split needs a date in every row", file);
            if (!TryParse(text, out times[row]))
                throw new InputException($"the date column '{column.Name}' has '{text}' in data row {row + 1}, which is not a date (expected e.g. 2024-03-31 or 2024-03-31 12:00:00)", file);
        }
        return times;
    }

    private static bool TryParse(string text, out DateTime time) =>
        DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out time)
        || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out time);
}
