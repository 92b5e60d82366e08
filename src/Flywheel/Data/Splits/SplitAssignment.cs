namespace Flywheel.Data.Splits;

/// <summary>
/// Which split each data row belongs to (index 0 = first data row), the settings that produced it, and a SHA-256
/// fingerprint over the data fingerprint, the settings and the assignment itself.
/// </summary>
public sealed class SplitAssignment
{
    private readonly SplitName[] _rows;

    public SplitAssignment(SplitSettings settings, IReadOnlyList<SplitName> rows, string dataFingerprint)
    {
        Settings = settings;
        _rows = rows.ToArray();
        DataFingerprint = dataFingerprint;
        Fingerprint = SplitFingerprint.Compute(dataFingerprint, settings, _rows);
    }

    public SplitSettings Settings { get; }
    public string DataFingerprint { get; }
    public string Fingerprint { get; }
    public IReadOnlyList<SplitName> Rows => _rows;
    public int RowCount => _rows.Length;

    public SplitName this[int row] => _rows[row];

    /// <summary>Row indices (0-based) in <paramref name="split"/>, ascending.</summary>
    public IReadOnlyList<int> RowsIn(SplitName split)
    {
        var rows = new List<int>();
        for (var row = 0; row < _rows.Length; row++)
            if (_rows[row] == split) rows.Add(row);
        return rows;
    }

    public int Count(SplitName split) => _rows.Count(row => row == split);
}
