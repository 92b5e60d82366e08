using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Builds the raw input view the feature transformer reads, from rows held in a <see cref="ColumnTable"/> (at
/// serving time: the rows to score). Columns the table lacks are an error naming them; extra columns are ignored.
/// </summary>
public static class ServingInput
{
    public static IDataView ToDataView(ColumnTable rows, IReadOnlyList<InputColumn> columns)
    {
        Columns(rows, columns);
        return new ColumnTableDataView(rows, Enumerable.Range(0, rows.RowCount).ToArray(), columns.Select(column => column.Name), label: null);
    }

    /// <summary>The table's columns in the order of <paramref name="columns"/>, each checked to be present and of the right kind.</summary>
    public static IReadOnlyList<TableColumn> Columns(ColumnTable rows, IReadOnlyList<InputColumn> columns) =>
        columns.Select(column =>
        {
            var present = rows.Get(column.Name, "the model's input");
            if (present.IsNumeric != column.IsNumeric)
                throw new InputException($"column '{column.Name}' must be {(column.IsNumeric ? "numeric" : "text")} for this model", rows.File);
            return present;
        }).ToList();

    public static DataViewSchema Schema(IReadOnlyList<InputColumn> columns)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
            builder.AddColumn(column.Name, column.IsNumeric ? NumberDataViewType.Single : TextDataViewType.Instance);
        return builder.ToSchema();
    }
}
