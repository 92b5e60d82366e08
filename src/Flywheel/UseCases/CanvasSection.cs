using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Flywheel.UseCases;

/// <summary>
/// The <c>canvas</c> section: the nine blocks of the business model canvas, each a list of short texts, and
/// <see cref="Growth"/>, the growth cycle's three conditions as the team states them, each linked to the figure
/// that will evidence it.
/// </summary>
public sealed record CanvasSection(IReadOnlyDictionary<string, IReadOnlyList<string>> Blocks, IReadOnlyList<GrowthStatementSpec> Growth, SourcePosition Position)
{
    public IReadOnlyList<string> Block(string key) => Blocks.TryGetValue(key, out var items) ? items : [];

    public GrowthStatementSpec? Condition(string key) => Growth.FirstOrDefault(g => g.Key == key);

    /// <summary>What the section says, without positions: what an editor sends back.</summary>
    public CanvasContent Content() => new(
        CanvasKeys.Blocks.ToDictionary(b => b, Block, StringComparer.Ordinal),
        Growth.ToDictionary(g => g.Key, g => new GrowthStatement(g.Statement, g.Metric?.Value), StringComparer.Ordinal));
}

/// <summary>One growth condition as stated: <c>solves_problem</c>, <c>moves_kpi</c> or <c>more_data</c>, its statement and its metric figure.</summary>
public sealed record GrowthStatementSpec(string Key, string? Statement, Positioned<string>? Metric, SourcePosition Position);

/// <summary>A canvas as text only (blocks by key, conditions by key): the input of <see cref="CanvasEditing.SetCanvas"/>.</summary>
public sealed record CanvasContent(IReadOnlyDictionary<string, IReadOnlyList<string>> Blocks, IReadOnlyDictionary<string, GrowthStatement> Growth);

public sealed record GrowthStatement(string? Statement, string? Metric);

/// <summary>The canvas's block and condition keys, and the metric figures a condition may be linked to.</summary>
public static partial class CanvasKeys
{
    /// <summary>The nine blocks in the order the classic canvas reads (segments to costs).</summary>
    public static IReadOnlyList<string> Blocks { get; } =
        ["customer_segments", "value_propositions", "channels", "customer_relationships", "revenue_streams", "key_resources", "key_activities", "key_partners", "cost_structure"];

    public const string SolvesProblem = "solves_problem";
    public const string MovesKpi = "moves_kpi";
    public const string MoreData = "more_data";
    public static IReadOnlyList<string> Conditions { get; } = [SolvesProblem, MovesKpi, MoreData];

    public const string PlanMetric = "plan.metric";
    public const string RealizedValuePerDay = "kpi.realized_value_per_day";
    public const string LabelledPerDay = "data.labelled_per_day";
    public const string LabelledTotal = "data.labelled_total";

    /// <summary>Every figure the file accepts as a condition's metric (<c>model.&lt;metric&gt;</c> stands for any model metric).</summary>
    public static IReadOnlyList<string> Figures { get; } = [PlanMetric, "model.<metric>", RealizedValuePerDay, LabelledPerDay, LabelledTotal];

    public const int MaxItemLength = 500;
    public const int MaxItems = 50;
    public const int MaxStatementLength = 2000;

    public static bool IsFigure(string figure) =>
        figure is PlanMetric or RealizedValuePerDay or LabelledPerDay or LabelledTotal || ModelFigure().IsMatch(figure);

    /// <summary>The metric of <c>model.recall</c> (<c>recall</c>), or null for another figure.</summary>
    public static string? ModelMetric(string figure) => ModelFigure().IsMatch(figure) ? figure["model.".Length..] : null;

    [GeneratedRegex(@"^model\.[a-z][a-z0-9_]*$")]
    private static partial Regex ModelFigure();
}

internal static class CanvasSectionReader
{
    public static CanvasSection Read(MappingReader section)
    {
        var blocks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in CanvasKeys.Blocks)
        {
            var items = section.StringList(key);
            if (items.Count > CanvasKeys.MaxItems) throw items[CanvasKeys.MaxItems].Position.Error($"'canvas.{key}' holds more than {CanvasKeys.MaxItems} items; keep the canvas to short notes");
            foreach (var item in items)
            {
                if (string.IsNullOrWhiteSpace(item.Value)) throw item.Position.Error($"an item of 'canvas.{key}' is empty");
                if (item.Value.Length > CanvasKeys.MaxItemLength) throw item.Position.Error($"an item of 'canvas.{key}' is {item.Value.Length} characters long; at most {CanvasKeys.MaxItemLength}");
            }
            if (items.Count > 0) blocks[key] = items.Select(i => i.Value).ToList();
        }
        var growth = new List<GrowthStatementSpec>();
        if (section.Mapping("growth", UseCaseKeys.CanvasGrowth) is { } conditions)
        {
            foreach (var key in CanvasKeys.Conditions)
                if (conditions.Node(key) is { } node) growth.Add(ReadCondition(conditions, key, node));
            conditions.RejectUnknownKeys();
        }
        section.RejectUnknownKeys();
        return new CanvasSection(blocks, growth, section.Position);
    }

    private static GrowthStatementSpec ReadCondition(MappingReader conditions, string key, YamlNode node)
    {
        // A plain text is a statement with no metric yet (the check flags it).
        if (node is YamlScalarNode)
        {
            var text = conditions.ScalarOf(node, key);
            return new GrowthStatementSpec(key, Statement(text), null, text.Position);
        }
        var condition = new MappingReader(node, conditions.File, $"canvas.growth.{key}", UseCaseKeys.CanvasCondition);
        var statement = condition.String("statement") is { } s ? Statement(s) : null;
        var metric = condition.String("metric");
        if (metric is not null && !CanvasKeys.IsFigure(metric.Value))
            throw metric.Position.Error($"'canvas.growth.{key}.metric' is '{metric.Value}', which is not a figure the growth cycle measures; expected one of: {string.Join(", ", CanvasKeys.Figures)}");
        condition.RejectUnknownKeys();
        return new GrowthStatementSpec(key, statement, metric is { Value.Length: > 0 } ? metric : null, condition.Position);
    }

    private static string? Statement(Positioned<string> text)
    {
        if (text.Value.Length > CanvasKeys.MaxStatementLength) throw text.Position.Error($"a growth condition's statement is {text.Value.Length} characters long; at most {CanvasKeys.MaxStatementLength}");
        return string.IsNullOrWhiteSpace(text.Value) ? null : text.Value;
    }
}
