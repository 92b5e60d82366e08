using System.Globalization;
using System.Text;

namespace Flywheel.Operate.Production;

/// <summary>
/// The labelled production dataset as a table in the Parquet file's column order (inputs in package order, the target,
/// then <c>_inference_id</c>, <c>_label_source</c>, <c>_inference_time</c>, <c>_model_version</c>): as records for JSON
/// and as RFC 4180 CSV with a header, numbers invariant ("R"), times ISO 8601 UTC, missing values empty.
/// </summary>
public static class ProductionTable
{
    public static IReadOnlyList<string> Header(ProductionDataset dataset) =>
        [.. dataset.Columns.Select(c => c.Name), dataset.Target, ProductionDataset.InferenceIdColumn, ProductionDataset.LabelSourceColumn,
            ProductionDataset.InferenceTimeColumn, ProductionDataset.ModelVersionColumn];

    /// <summary>Each row as column → value (a number, a text or null), in <see cref="Header"/> order.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Records(ProductionDataset dataset)
    {
        var header = Header(dataset);
        foreach (var row in dataset.Rows)
        {
            var record = new Dictionary<string, object?>(header.Count, StringComparer.Ordinal);
            var values = Values(dataset, row);
            for (var i = 0; i < header.Count; i++) record[header[i]] = values[i];
            yield return record;
        }
    }

    public static string Csv(ProductionDataset dataset)
    {
        var text = new StringBuilder();
        Line(text, Header(dataset));
        foreach (var row in dataset.Rows)
            Line(text, Values(dataset, row).Select(value => value switch
            {
                null => "",
                double number => number.ToString("R", CultureInfo.InvariantCulture),
                _ => (string)value,
            }));
        return text.ToString();
    }

    private static object?[] Values(ProductionDataset dataset, ProductionRow row) =>
        [.. dataset.Columns.Select((column, i) => row.Value(i, column.Numeric)), row.Label, row.InferenceId, row.Source,
            row.InferenceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), row.ModelVersion];

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Quote));
        text.Append("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
