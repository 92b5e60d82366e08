using Flywheel.Data.Preprocessing;
using Flywheel.Evaluation.Importance;

namespace Flywheel.Workflows;

/// <summary>
/// Raw input rows whose columns can be shuffled one at a time, so permutation importance speaks of the columns
/// people know (<c>international_plan</c>), not of one-hot slots.
/// </summary>
public sealed class RawPermutableRows(ColumnTable rows) : IPermutableDataset
{
    public ColumnTable Rows { get; } = rows;

    public int FeatureCount => Rows.Columns.Count;

    public string FeatureName(int feature) => Rows.Columns[feature].Name;

    public IPermutableDataset WithColumnPermuted(int feature, Random rng)
    {
        var order = Enumerable.Range(0, Rows.RowCount).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var columns = Rows.Columns.ToArray();
        var column = columns[feature];
        columns[feature] = column.IsNumeric
            ? TableColumn.Numeric(column.Name, order.Select(column.Number).ToArray())
            : TableColumn.Text(column.Name, column.Kind, order.Select(column.String).ToArray());
        return new RawPermutableRows(new ColumnTable(columns, Rows.File));
    }

    /// <summary>The chosen rows of a table, restricted to the given columns.</summary>
    public static ColumnTable Subset(ColumnTable table, IReadOnlyList<int> rows, IEnumerable<string> columns) =>
        new(columns.Select(name => table.Get(name, "the model's input")).Select(column => column.IsNumeric
            ? TableColumn.Numeric(column.Name, rows.Select(column.Number).ToArray())
            : TableColumn.Text(column.Name, column.Kind, rows.Select(column.String).ToArray())).ToList(), table.File);
}
