using System.Globalization;
using System.Numerics;
using Flywheel.Data.Sources;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Reads a source into a <see cref="ColumnTable"/>: numeric columns as doubles, every other kind as text (dates as
/// ISO 8601), so training and serving see the same values.
/// </summary>
public static class ColumnTableReader
{
    /// <summary>
    /// Opens and reads <paramref name="spec"/>. DuckDB reads yes/no columns as BOOLEAN; those are read again as text,
    /// so class names and categories keep the spelling the user wrote (and <c>data.positive: "yes"</c> matches),
    /// while the column keeps its Boolean kind.
    /// </summary>
    public static ColumnTable Read(SourceSpec spec, IProgress<DataProgress>? progress = null, SourceOptions? options = null, CancellationToken cancellation = default)
    {
        IReadOnlyList<string> booleans;
        using (var source = DataSource.Open(spec, options, progress, cancellation))
        {
            booleans = source.Columns.Where(column => column.Kind == ColumnKind.Boolean && !spec.DeclaredKinds.ContainsKey(column.Name)).Select(column => column.Name).ToList();
            if (booleans.Count == 0) return Read(source);
        }
        var kinds = new Dictionary<string, ColumnKind>(spec.DeclaredKinds, StringComparer.Ordinal);
        foreach (var name in booleans) kinds[name] = ColumnKind.Categorical;
        using var textSource = DataSource.Open(spec with { DeclaredKinds = kinds }, options, cancellation: cancellation);
        return Read(textSource, booleans);
    }

    /// <summary>Reads an opened source as it is (BOOLEAN values become "true"/"false").</summary>
    public static ColumnTable Read(DataSource source) => Read(source, []);

    private static ColumnTable Read(DataSource source, IReadOnlyList<string> booleans)
    {
        var columns = source.Columns;
        var rowCount = checked((int)source.RowCount);
        var numbers = columns.Select(column => column.Kind == ColumnKind.Numeric ? new double[rowCount] : null).ToArray();
        var texts = columns.Select(column => column.Kind == ColumnKind.Numeric ? null : new string?[rowCount]).ToArray();
        var row = 0;
        foreach (var values in source.ReadRows())
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (numbers[c] is { } target) target[row] = Number(values[c]);
                else texts[c]![row] = Text(values[c]);
            }
            row++;
        }
        if (row != rowCount) throw new InvalidOperationException($"the source announced {rowCount} rows but gave {row}");
        var table = columns.Select((column, c) => numbers[c] is { } values
            ? TableColumn.Numeric(column.Name, values)
            : TableColumn.Text(column.Name, booleans.Contains(column.Name) ? ColumnKind.Boolean : column.Kind, texts[c]!)).ToList();
        return new ColumnTable(table, source.FilePath) { Dialect = source.Dialect };
    }

    private static double Number(object? value) => value switch
    {
        null => double.NaN,
        double number => number,
        BigInteger big => (double)big,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTime time => time.TimeOfDay == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
