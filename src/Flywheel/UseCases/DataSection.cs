namespace Flywheel.UseCases;

/// <summary>The <c>data</c> section: where the data is, what to predict, column roles and split settings.</summary>
public sealed record DataSection(
    Positioned<string> Source,
    string? Target,
    string? Positive,
    IReadOnlyList<string> Drop,
    ColumnRoles Roles,
    IReadOnlyDictionary<string, string> Schema,
    SplitSpec Split,
    SourcePosition Position)
{
    /// <summary><c>data.preprocessing</c>: overrides of the derived preprocessing plan.</summary>
    public PreprocessingSpec Preprocessing { get; init; } = PreprocessingSpec.None;
}

public sealed record ColumnRoles(IReadOnlyList<string> Id, IReadOnlyList<string> Sensitive, string? Date, IReadOnlyList<string> Text);

/// <summary>
/// Split fractions and strategy. <c>By</c> is a group column: rows sharing it stay in one split. <c>Time</c> is a
/// date column: rows are split in time order (no training row later than a validation or test row).
/// </summary>
public sealed record SplitSpec(double Train, double Validation, double Test, int Seed, bool Stratify, string? By, string? Time = null)
{
    public static SplitSpec Default { get; } = new(0.7, 0.15, 0.15, 1729, true, null);
}

internal static class DataSectionReader
{
    public static DataSection Read(MappingReader section)
    {
        var source = section.RequiredString("source");
        var target = section.String("target")?.Value;
        var positive = section.String("positive")?.Value;
        var drop = section.StringList("drop").Select(item => item.Value).ToList();

        var roles = new ColumnRoles([], [], null, []);
        if (section.Mapping("roles") is { } roleMap)
        {
            roles = new ColumnRoles(
                roleMap.StringList("id").Select(item => item.Value).ToList(),
                roleMap.StringList("sensitive").Select(item => item.Value).ToList(),
                roleMap.String("date")?.Value,
                roleMap.StringList("text").Select(item => item.Value).ToList());
            roleMap.RejectUnknownKeys();
        }

        var schema = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section.Mapping("schema") is { } schemaMap)
        {
            foreach (var (key, node) in schemaMap.Entries())
                schema[key.Value] = schemaMap.ScalarOf(node, key.Value).Value;
        }

        var split = SplitSpec.Default;
        if (section.Mapping("split") is { } splitMap)
        {
            split = new SplitSpec(
                splitMap.Number("train") ?? split.Train,
                splitMap.Number("validation") ?? split.Validation,
                splitMap.Number("test") ?? split.Test,
                splitMap.Integer("seed") ?? split.Seed,
                splitMap.Boolean("stratify") ?? split.Stratify,
                splitMap.String("by")?.Value,
                splitMap.String("time")?.Value);
            var total = split.Train + split.Validation + split.Test;
            if (Math.Abs(total - 1.0) > 1e-9)
                throw splitMap.Position.Error($"'data.split' fractions must add up to 1, not {total:0.###}");
            splitMap.RejectUnknownKeys();
        }

        var preprocessing = PreprocessingSpecReader.Read(section.Mapping("preprocessing"));

        section.RejectUnknownKeys();
        return new DataSection(source, target, positive, drop, roles, schema, split, section.Position) { Preprocessing = preprocessing };
    }
}
