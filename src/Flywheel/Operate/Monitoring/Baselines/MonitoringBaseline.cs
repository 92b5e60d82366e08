using System.Text.Json;
using DuckDB.NET.Data;
using Flywheel.Data.Sources;
using Flywheel.Operate.Monitoring.Drift;
using Flywheel.Registry;
using Flywheel.Workflows.Baselines;

namespace Flywheel.Operate.Monitoring.Baselines;

/// <summary>One feature's constraints from <c>constraints.json</c>: type, completeness, and the domain of a string feature.</summary>
public sealed record FeatureConstraint(string Name, string InferredType, double Completeness, bool? NonNegative, IReadOnlySet<string>? Domain);

/// <summary>
/// A package's monitoring baseline as the engine reads it: the constraints per feature, the reference sample as
/// drift columns, and the test split's predictions. <see cref="Load"/> returns null for a package written before
/// baselines (it still serves; monitoring says "no baseline").
/// </summary>
public sealed record MonitoringBaseline(
    IReadOnlyList<FeatureConstraint> Constraints,
    IReadOnlyDictionary<string, ColumnSample> Reference,
    int ReferenceRows,
    PredictionBaseline Predictions)
{
    public static MonitoringBaseline? Load(ModelPackage package)
    {
        var names = package.Manifest.Attachments.Select(a => a.File).ToHashSet(StringComparer.Ordinal);
        if (!names.Contains(BaselineFiles.Constraints) || !names.Contains(BaselineFiles.Reference) || !names.Contains(BaselineFiles.Predictions)) return null;
        var constraints = ReadConstraints(File.ReadAllBytes(package.AttachmentPath(BaselineFiles.Constraints)));
        var (reference, rows) = ReadReference(package.AttachmentPath(BaselineFiles.Reference));
        var predictions = JsonSerializer.Deserialize<PredictionBaseline>(File.ReadAllBytes(package.AttachmentPath(BaselineFiles.Predictions)), PackageJson.Options)
            ?? throw new InputException("the baseline's predictions are empty", package.Path);
        return new MonitoringBaseline(constraints, reference, rows, predictions);
    }

    public static IReadOnlyList<FeatureConstraint> ReadConstraints(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var features = new List<FeatureConstraint>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            bool? nonNegative = feature.TryGetProperty("num_constraints", out var num) && num.TryGetProperty("is_non_negative", out var n) ? n.GetBoolean() : null;
            IReadOnlySet<string>? domain = feature.TryGetProperty("string_constraints", out var strings) && strings.TryGetProperty("domains", out var d)
                ? d.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal) : null;
            features.Add(new FeatureConstraint(feature.GetProperty("name").GetString()!, feature.GetProperty("inferred_type").GetString()!,
                feature.GetProperty("completeness").GetDouble(), nonNegative, domain));
        }
        return features;
    }

    /// <summary>The reference sample's columns (DOUBLE → numeric, VARCHAR → categorical) and its row count.</summary>
    public static (IReadOnlyDictionary<string, ColumnSample> Columns, int Rows) ReadReference(string parquet)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet({SqlText.Literal(parquet)})";
        using var reader = command.ExecuteReader();
        var count = reader.FieldCount;
        var numeric = Enumerable.Range(0, count).Select(i => reader.GetFieldType(i) == typeof(double)).ToArray();
        var numbers = Enumerable.Range(0, count).Select(_ => new List<double>()).ToArray();
        var texts = Enumerable.Range(0, count).Select(_ => new List<string?>()).ToArray();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < count; i++)
            {
                if (numeric[i]) numbers[i].Add(reader.IsDBNull(i) ? double.NaN : reader.GetDouble(i));
                else texts[i].Add(reader.IsDBNull(i) ? null : reader.GetString(i));
            }
        }
        var columns = new Dictionary<string, ColumnSample>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            columns[reader.GetName(i)] = numeric[i] ? new ColumnSample.Numeric(numbers[i].ToArray()) : new ColumnSample.Categorical(texts[i].ToArray());
        return (columns, rows);
    }
}
