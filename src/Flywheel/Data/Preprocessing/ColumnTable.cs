using Flywheel.Data.Sources;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// One column of raw data in memory. Numeric columns hold doubles (NaN = missing); every other kind holds the text
/// as read (null = missing), which is also what serving receives.
/// </summary>
public sealed class TableColumn
{
    private readonly double[]? _numbers;
    private readonly string?[]? _texts;

    private TableColumn(string name, ColumnKind kind, double[]? numbers, string?[]? texts)
    {
        Name = name;
        Kind = kind;
        _numbers = numbers;
        _texts = texts;
    }

    public string Name { get; }
    public ColumnKind Kind { get; }
    public bool IsNumeric => _numbers is not null;
    public int Count => _numbers?.Length ?? _texts!.Length;

    public static TableColumn Numeric(string name, double[] values) => new(name, ColumnKind.Numeric, values, null);

    public static TableColumn Text(string name, ColumnKind kind, string?[] values)
    {
        if (kind == ColumnKind.Numeric) throw new ArgumentException("numeric columns hold numbers; use TableColumn.Numeric", nameof(kind));
        // An empty cell is missing, whatever the reader made of it.
        return new(name, kind, null, values.Select(value => string.IsNullOrEmpty(value) ? null : value).ToArray());
    }

    public double Number(int row) => _numbers is { } numbers ? numbers[row] : throw new InvalidOperationException($"column '{Name}' is not numeric");

    /// <summary>The value as text: numbers in invariant round-trip form, null when missing.</summary>
    public string? String(int row) => _texts is { } texts
        ? texts[row]
        : double.IsNaN(_numbers![row]) ? null : _numbers[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every value as text (see <see cref="String"/>), in row order.</summary>
    public IEnumerable<string?> Strings() => Enumerable.Range(0, Count).Select(String);

    public bool IsMissing(int row) => _numbers is { } numbers ? double.IsNaN(numbers[row]) : _texts![row] is null;
}

/// <summary>Raw rows in memory, column by column, in file order (row 0 = first data row).</summary>
public sealed class ColumnTable
{
    private readonly Dictionary<string, TableColumn> _byName;

    public ColumnTable(IReadOnlyList<TableColumn> columns, string? file = null)
    {
        Columns = columns;
        File = file;
        RowCount = columns.Count == 0 ? 0 : columns[0].Count;
        _byName = new Dictionary<string, TableColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Count != RowCount) throw new ArgumentException($"column '{column.Name}' has {column.Count} rows, expected {RowCount}", nameof(columns));
            if (!_byName.TryAdd(column.Name, column)) throw new InputException($"the column name '{column.Name}' appears twice", file);
        }
    }

    public IReadOnlyList<TableColumn> Columns { get; }
    public int RowCount { get; }

    /// <summary>The file the rows came from, for error messages.</summary>
    public string? File { get; }

    /// <summary>How the rows were read when they came from a CSV file; null otherwise.</summary>
    public CsvDialect? Dialect { get; init; }

    public TableColumn? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The column, or an <see cref="InputException"/> that names it and says where it was asked for.</summary>
    public TableColumn Get(string name, string askedFor) => Find(name)
        ?? throw new InputException($"{askedFor} names the column '{name}', which the data does not have; columns are: {string.Join(", ", Columns.Select(c => c.Name))}", File);
}
