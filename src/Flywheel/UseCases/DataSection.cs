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
    SourcePosition Position,
    double? MissingThreshold = null,
    DeclaredDataFacts? Declared = null)
{
    /// <summary>Column kinds a <c>schema</c> entry may declare.</summary>
    public static IReadOnlyList<string> SchemaKinds { get; } = ["numeric", "categorical", "boolean", "date", "text"];

    /// <summary><c>data.preprocessing</c>: overrides of the derived preprocessing plan.</summary>
    public PreprocessingSpec Preprocessing { get; init; } = PreprocessingSpec.None;

    /// <summary><c>data.csv</c>: the CSV dialect where it is declared rather than detected.</summary>
    public CsvSection Csv { get; init; } = CsvSection.None;

    /// <summary><c>data.production</c>: the labelled production rows of an endpoint as an additional training source; null when not declared.</summary>
    public ProductionSource? Production { get; init; }
}

/// <summary>
/// <c>data.production</c>: retraining adds the labelled production rows of <see cref="Endpoint"/> (inferred within
/// <see cref="Since"/> of now; all when null) to the training data, after holding out the most recent
/// <see cref="Holdout"/> share of them (at least <see cref="MinHoldout"/> rows) to compare the new model with the champion.
/// </summary>
public sealed record ProductionSource(string? Endpoint, TimeSpan? Since, double Holdout, int MinHoldout)
{
    public const double DefaultHoldout = 0.2;
    public const int DefaultMinHoldout = 30;

    public static ProductionSource Default { get; } = new(null, null, DefaultHoldout, DefaultMinHoldout);
}

/// <summary>How complete the labels are, as the team knows it (the data only shows what is missing in the file).</summary>
public enum LabelCoverage
{
    None,
    Partial,
    Complete,
}

/// <summary>
/// Readiness facts that cannot be read off the data and are declared instead: whether the columns are documented
/// (a data dictionary exists) and how complete the labels are beyond this file.
/// </summary>
public sealed record DeclaredDataFacts(bool? Documented, LabelCoverage? Labels);

public sealed record ColumnRoles(IReadOnlyList<string> Id, IReadOnlyList<string> Sensitive, string? Date, IReadOnlyList<string> Text);

/// <summary>
/// Split fractions and strategy. <c>By</c> is a group column: rows sharing it stay in one split. <c>Time</c> is a
/// date column: rows are split in time order (no training row later than a validation or test row); it defaults to
/// <c>data.roles.date</c> when no group column is given.
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
        if (section.Mapping("roles", UseCaseKeys.Roles) is { } roleMap)
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
            {
                var kind = schemaMap.ScalarOf(node, key.Value);
                if (!DataSection.SchemaKinds.Contains(kind.Value.Trim().ToLowerInvariant()))
                    throw kind.Position.Error($"'data.schema.{key.Value}' must be one of {string.Join(", ", DataSection.SchemaKinds)}, not '{kind.Value}'");
                schema[key.Value] = kind.Value.Trim().ToLowerInvariant();
            }
        }

        var missingThreshold = section.Number("missing_threshold");
        if (missingThreshold is < 0 or > 1)
            throw section.Position.Error($"'data.missing_threshold' is a fraction between 0 and 1 (0.5 = 50%), not {missingThreshold}");
        var declared = new DeclaredDataFacts(section.Boolean("documented"), ReadLabels(section));

        var split = SplitSpec.Default;
        if (section.Mapping("split", UseCaseKeys.Split) is { } splitMap)
        {
            split = new SplitSpec(
                Fraction(splitMap, "train", split.Train),
                Fraction(splitMap, "validation", split.Validation),
                Fraction(splitMap, "test", split.Test),
                splitMap.Integer("seed") ?? split.Seed,
                splitMap.Boolean("stratify") ?? split.Stratify,
                splitMap.String("by")?.Value,
                splitMap.String("time")?.Value);
            var total = split.Train + split.Validation + split.Test;
            if (Math.Abs(total - 1.0) > 1e-9)
                throw splitMap.Position.Error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"'data.split' fractions must add up to 1, not {total:0.###} (train {split.Train} + validation {split.Validation} + test {split.Test})"));
            splitMap.RejectUnknownKeys();
        }
        // A declared date column orders the split by time (no future rows in training) unless the file asks for groups.
        if (split.Time is null && split.By is null && roles.Date is not null) split = split with { Time = roles.Date };

        var preprocessing = PreprocessingSpecReader.Read(section.Mapping("preprocessing", UseCaseKeys.Preprocessing));
        var csv = CsvSectionReader.Read(section.Mapping("csv", UseCaseKeys.Csv));

        var production = ReadProduction(section.Mapping("production", UseCaseKeys.Production));

        section.RejectUnknownKeys();
        return new DataSection(source, target, positive, drop, roles, schema, split, section.Position, missingThreshold, declared)
        {
            Preprocessing = preprocessing, Csv = csv, Production = production,
        };
    }

    private static ProductionSource? ReadProduction(MappingReader? map)
    {
        if (map is null) return null;
        var endpoint = map.String("endpoint")?.Value;
        var since = map.String("since") is { } sinceText ? TrainingSectionReader.ParseDuration(sinceText) : (TimeSpan?)null;
        var holdout = map.Number("holdout") ?? ProductionSource.DefaultHoldout;
        if (holdout is <= 0 or >= 1 || double.IsNaN(holdout))
            throw map.Position.Error($"'data.production.holdout' is the share of the most recent production rows held out, a fraction between 0 and 1 (0.2 = 20%), not {holdout}");
        var minimum = map.Integer("min_holdout") ?? ProductionSource.DefaultMinHoldout;
        if (minimum < 1) throw map.Position.Error($"'data.production.min_holdout' is a number of rows, at least 1, not {minimum}");
        map.RejectUnknownKeys();
        return new ProductionSource(endpoint, since, holdout, minimum);
    }

    private static double Fraction(MappingReader split, string key, double fallback)
    {
        if (split.Node(key) is not { } node) return fallback;
        var value = split.NumberOf(node, key);
        return value is >= 0 and <= 1 ? value : throw split.At(node, $"'data.split.{key}' is a fraction between 0 and 1, not {split.ScalarOf(node, key).Value}");
    }

    private static LabelCoverage? ReadLabels(MappingReader section)
    {
        if (section.String("labels") is not { } labels) return null;
        return labels.Value.Trim().ToLowerInvariant() switch
        {
            "none" => LabelCoverage.None,
            "partial" => LabelCoverage.Partial,
            "complete" => LabelCoverage.Complete,
            _ => throw labels.Position.Error($"'data.labels' must be none, partial or complete, not '{labels.Value}'"),
        };
    }
}
