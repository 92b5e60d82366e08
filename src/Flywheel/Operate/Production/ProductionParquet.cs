using DuckDB.NET.Data;
using Flywheel.Data.Sources;
using Flywheel.Storage;

namespace Flywheel.Operate.Production;

/// <summary>
/// Writes a labelled production dataset as Parquet with DuckDB (<c>COPY … TO … (FORMAT parquet)</c>): the input
/// columns in package order, the target, then <c>_inference_id</c>, <c>_label_source</c>, <c>_inference_time</c>,
/// <c>_model_version</c>. The file appears whole or not at all (written beside the target, then moved).
/// </summary>
public static class ProductionParquet
{
    public static void Write(ProductionDataset dataset, string path)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"flywheel-production-{Guid.NewGuid():N}.parquet");
        try
        {
            WriteTo(dataset, scratch);
            AtomicFile.Write(path, stream =>
            {
                using var source = File.OpenRead(scratch);
                source.CopyTo(stream);
            });
        }
        finally
        {
            if (File.Exists(scratch)) File.Delete(scratch);
        }
    }

    /// <summary>The Parquet file's bytes (to store as an artifact).</summary>
    public static byte[] Bytes(ProductionDataset dataset)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"flywheel-production-{Guid.NewGuid():N}.parquet");
        try
        {
            WriteTo(dataset, scratch);
            return File.ReadAllBytes(scratch);
        }
        finally
        {
            if (File.Exists(scratch)) File.Delete(scratch);
        }
    }

    private static void WriteTo(ProductionDataset dataset, string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var columns = dataset.Columns.Select(c => $"{SqlText.Identifier(c.Name)} {(c.Numeric ? "DOUBLE" : "VARCHAR")}")
            .Append($"{SqlText.Identifier(dataset.Target)} VARCHAR")
            .Append($"{ProductionDataset.InferenceIdColumn} VARCHAR").Append($"{ProductionDataset.LabelSourceColumn} VARCHAR")
            .Append($"{ProductionDataset.InferenceTimeColumn} TIMESTAMP").Append($"{ProductionDataset.ModelVersionColumn} VARCHAR");
        Execute(connection, $"CREATE TABLE production ({string.Join(", ", columns)})");
        using (var appender = connection.CreateAppender("production"))
        {
            foreach (var row in dataset.Rows)
            {
                var line = appender.CreateRow();
                for (var i = 0; i < dataset.Columns.Count; i++)
                {
                    if (dataset.Columns[i].Numeric)
                    {
                        if (double.IsNaN(row.Numbers[i])) line.AppendNullValue();
                        else line.AppendValue((double?)row.Numbers[i]);
                    }
                    else if (row.Texts[i] is { } text) line.AppendValue(text);
                    else line.AppendNullValue();
                }
                line.AppendValue(row.Label).AppendValue(row.InferenceId).AppendValue(row.Source)
                    .AppendValue((DateTime?)row.InferenceTime.UtcDateTime).AppendValue(row.ModelVersion).EndRow();
            }
        }
        Execute(connection, $"COPY (SELECT * FROM production) TO {SqlText.Literal(file)} (FORMAT parquet)");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
