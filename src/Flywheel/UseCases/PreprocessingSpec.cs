namespace Flywheel.UseCases;

/// <summary>
/// <c>data.preprocessing</c>: overrides of the derived preprocessing plan. Everything is optional; values are
/// checked here (with their position) and interpreted by the Data stage.
/// </summary>
public sealed record PreprocessingSpec(
    int? OneHotMax,
    string? TargetTransform,
    double? OutlierFence,
    IReadOnlyDictionary<string, ColumnPreprocessingSpec> Columns)
{
    public static PreprocessingSpec None { get; } = new(null, null, null, new Dictionary<string, ColumnPreprocessingSpec>());
}

/// <summary>One column's override: an encoding (numeric, onehot, ordinal, hashed, text), its options, or drop.</summary>
public sealed record ColumnPreprocessingSpec(string? Encoding, int? Bits, IReadOnlyList<string>? Order, string? Scale, bool? Indicator, bool Drop, SourcePosition Position);

internal static class PreprocessingSpecReader
{
    private static readonly string[] Encodings = ["numeric", "onehot", "ordinal", "hashed", "text"];
    private static readonly string[] Scales = ["standardize", "none"];
    private static readonly string[] TargetTransforms = ["auto", "log", "none"];

    public static PreprocessingSpec Read(MappingReader? map)
    {
        if (map is null) return PreprocessingSpec.None;
        var oneHotMax = map.Integer("one_hot_max");
        if (oneHotMax is < 1) throw map.Position.Error("'data.preprocessing.one_hot_max' must be at least 1");
        var transform = OneOf(map.String("target_transform"), TargetTransforms, "data.preprocessing.target_transform");
        var fence = Outliers(map);

        var columns = new Dictionary<string, ColumnPreprocessingSpec>(StringComparer.Ordinal);
        if (map.Mapping("columns") is { } columnMap)
        {
            foreach (var (name, node) in columnMap.Entries())
                columns[name.Value] = Column(new MappingReader(node, map.File, $"data.preprocessing.columns.{name.Value}", UseCaseKeys.PreprocessingColumn), name.Value);
        }
        map.RejectUnknownKeys();
        return new PreprocessingSpec(oneHotMax, transform, fence, columns);
    }

    // outliers: { fence: 1.5 } | iqr (fence 1.5) | none
    private static double? Outliers(MappingReader map)
    {
        var node = map.Node("outliers");
        if (node is null) return null;
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode)
        {
            var text = map.ScalarOf(node, "outliers");
            return text.Value switch
            {
                "iqr" => 1.5,
                "none" => null,
                _ => throw text.Position.Error($"'data.preprocessing.outliers' must be iqr, none or {{ fence: 1.5 }}, not '{text.Value}'"),
            };
        }
        var outliers = new MappingReader(node, map.File, "data.preprocessing.outliers", UseCaseKeys.Outliers);
        var fence = outliers.Number("fence") ?? 1.5;
        if (fence <= 0) throw outliers.Position.Error("'data.preprocessing.outliers.fence' must be more than 0 (1.5 is Tukey's fence)");
        outliers.RejectUnknownKeys();
        return fence;
    }

    private static ColumnPreprocessingSpec Column(MappingReader column, string name)
    {
        var encoding = OneOf(column.String("encoding"), Encodings, $"data.preprocessing.columns.{name}.encoding");
        var bits = column.Integer("bits");
        if (bits is < 1 or > 24) throw column.Position.Error($"'data.preprocessing.columns.{name}.bits' must be between 1 and 24");
        var order = column.Node("order") is null ? null : column.StringList("order").Select(item => item.Value).ToList();
        var scale = OneOf(column.String("scale"), Scales, $"data.preprocessing.columns.{name}.scale");
        var indicator = column.Boolean("indicator");
        var drop = column.Boolean("drop") ?? false;
        column.RejectUnknownKeys();
        if (order is not null && encoding != "ordinal")
            throw column.Position.Error($"'data.preprocessing.columns.{name}.order' needs 'encoding: ordinal'");
        return new ColumnPreprocessingSpec(encoding, bits, order, scale, indicator, drop, column.Position);
    }

    private static string? OneOf(Positioned<string>? value, string[] allowed, string field)
    {
        if (value is null) return null;
        var text = value.Value.Trim().ToLowerInvariant();
        return allowed.Contains(text) ? text : throw value.Position.Error($"'{field}' must be one of {string.Join(", ", allowed)}, not '{value.Value}'");
    }
}
