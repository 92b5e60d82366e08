using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flywheel.Reports.Charts;

/// <summary>A rectangular matrix (a heatmap's cells) as JSON rows: <c>[[1, 0.5], [0.5, 1]]</c>; NaN stays "NaN".</summary>
public sealed class MatrixJsonConverter : JsonConverter<double[,]>
{
    public override double[,] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var rows = JsonSerializer.Deserialize<double[][]>(ref reader, options) ?? [];
        var columns = rows.Length == 0 ? 0 : rows[0].Length;
        var matrix = new double[rows.Length, columns];
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != columns) throw new JsonException($"matrix row {r + 1} has {rows[r].Length} values; the first has {columns}");
            for (var c = 0; c < columns; c++) matrix[r, c] = rows[r][c];
        }
        return matrix;
    }

    public override void Write(Utf8JsonWriter writer, double[,] value, JsonSerializerOptions options)
    {
        var rows = new double[value.GetLength(0)][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new double[value.GetLength(1)];
            for (var c = 0; c < rows[r].Length; c++) rows[r][c] = value[r, c];
        }
        JsonSerializer.Serialize(writer, rows, options);
    }
}
