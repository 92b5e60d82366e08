using System.Globalization;
using Flywheel.Data.Splits;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Rows added after the source's own rows (labelled production rows): appended by column name, and assigned to train
/// or validation only, so the source's split — its test split above all — stays what it was.
/// </summary>
public static class AppendedRows
{
    /// <summary>
    /// <paramref name="table"/> followed by the rows of <paramref name="extra"/>, in the first table's columns: a column
    /// the extra rows lack is missing there; an extra column the table lacks is left out.
    /// </summary>
    public static ColumnTable Append(ColumnTable table, ColumnTable extra)
    {
        var count = table.RowCount + extra.RowCount;
        var columns = new List<TableColumn>(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            var added = extra.Find(column.Name);
            if (column.IsNumeric)
            {
                var values = new double[count];
                for (var row = 0; row < table.RowCount; row++) values[row] = column.Number(row);
                for (var row = 0; row < extra.RowCount; row++) values[table.RowCount + row] = added is null ? double.NaN : Number(added, row);
                columns.Add(TableColumn.Numeric(column.Name, values));
            }
            else
            {
                var values = new string?[count];
                for (var row = 0; row < table.RowCount; row++) values[row] = column.String(row);
                for (var row = 0; row < extra.RowCount; row++) values[table.RowCount + row] = added?.String(row);
                columns.Add(TableColumn.Text(column.Name, column.Kind, values));
            }
        }
        return new ColumnTable(columns, table.File) { Dialect = table.Dialect };
    }

    /// <summary>The first <paramref name="rows"/> rows of the table.</summary>
    public static ColumnTable Head(ColumnTable table, int rows)
    {
        var columns = table.Columns.Select(column => column.IsNumeric
            ? TableColumn.Numeric(column.Name, Enumerable.Range(0, rows).Select(column.Number).ToArray())
            : TableColumn.Text(column.Name, column.Kind, Enumerable.Range(0, rows).Select(column.String).ToArray())).ToList();
        return new ColumnTable(columns, table.File) { Dialect = table.Dialect };
    }

    /// <summary>
    /// The source rows' split as <see cref="Splitter"/> makes it, then the last <paramref name="appended"/> rows to
    /// train and validation in the ratio of their fractions (seeded shuffle, largest-remainder counts); none to test.
    /// </summary>
    public static SplitAssignment Split(ColumnTable table, int appended, SplitSettings settings, string fingerprint, string? file)
    {
        var original = table.RowCount - appended;
        var head = Splitter.Assign(settings, TableSplitKeys.From(Head(table, original), settings, file), fingerprint, file);
        var fractions = settings.Fractions;
        var trainShare = fractions.Train + fractions.Validation > 0 ? fractions.Train / (fractions.Train + fractions.Validation) : 1;
        var counts = new SplitFractions(trainShare, 1 - trainShare, 0).Allocate(appended);
        var order = Enumerable.Range(0, appended).ToArray();
        new SeededRandom(settings.Seed).Shuffle(order);
        var rows = head.Rows.ToList();
        var tail = new SplitName[appended];
        for (var k = 0; k < appended; k++) tail[order[k]] = k < counts[0] ? SplitName.Train : SplitName.Validation;
        rows.AddRange(tail);
        return new SplitAssignment(settings, rows, fingerprint);
    }

    private static double Number(TableColumn column, int row) => column.IsNumeric
        ? column.Number(row)
        : double.TryParse(column.String(row), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
