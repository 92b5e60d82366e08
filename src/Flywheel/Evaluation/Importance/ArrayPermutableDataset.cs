namespace Flywheel.Evaluation.Importance;

/// <summary>An in-memory dataset of numeric feature columns (column-major) plus any per-row payload (e.g. labels) kept in row order.</summary>
public sealed class ArrayPermutableDataset : IPermutableDataset
{
    private readonly string[] _names;
    private readonly double[][] _columns;

    public ArrayPermutableDataset(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        if (names.Count != columns.Count) throw new ArgumentException($"{names.Count} names for {columns.Count} columns");
        if (columns.Count > 0 && columns.Any(c => c.Length != columns[0].Length)) throw new ArgumentException("columns differ in length");
        _names = names.ToArray();
        _columns = columns.ToArray();
    }

    public int FeatureCount => _columns.Length;
    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].Length;
    public IReadOnlyList<double> Column(int feature) => _columns[feature];
    public double Value(int row, int feature) => _columns[feature][row];
    public string FeatureName(int feature) => _names[feature];

    /// <summary>Fisher–Yates shuffle of one column (Durstenfeld: from the last row down, swap with rng.Next(i + 1)).</summary>
    public IPermutableDataset WithColumnPermuted(int feature, Random rng)
    {
        var shuffled = (double[])_columns[feature].Clone();
        for (var i = shuffled.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }
        var columns = (double[][])_columns.Clone();
        columns[feature] = shuffled;
        return new ArrayPermutableDataset(_names, columns);
    }
}
