using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Flywheel.UseCases;

/// <summary>
/// The canvas and plan edits the workspace makes, on <see cref="UseCaseEditor"/>'s primitives: only the blocks and
/// conditions that change are rewritten (so the comments of the rest of the file, the canvas included, stay), each
/// save checked against the fingerprint the caller read and loaded before it is written.
/// </summary>
public static class CanvasEditing
{
    /// <summary>Writes <paramref name="content"/> as the file's <c>canvas</c>: a block or condition that differs is replaced, an unchanged one left as written.</summary>
    public static UseCase SetCanvas(string file, string? expectedFingerprint, CanvasContent content, UseCaseOptions? options = null)
    {
        Check(content);
        return UseCaseEditor.Edit(file, expectedFingerprint, text => ApplyCanvas(text, content), options);
    }

    /// <summary>Adds, replaces or (with <paramref name="done"/> null) removes the <c>done</c> entry of plan step <paramref name="step"/>.</summary>
    public static UseCase SetStepDone(string file, string? expectedFingerprint, string step, PlanStepDone? done, UseCaseOptions? options = null) =>
        UseCaseEditor.Edit(file, expectedFingerprint, text =>
        {
            var mapping = StepNode(text, step);
            if (done is null) return mapping.Children.ContainsKey(new YamlScalarNode("done")) ? RemoveFrom(text, mapping, "done") : text.Text;
            return text.Set(mapping, "done", DoneText(done));
        }, options);

    public static string DoneText(PlanStepDone done)
    {
        var builder = new StringBuilder("{ at: ").Append(done.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Append(", by: ").Append(UseCaseText.Quote(done.By))
            .Append(", override: ").Append(done.Override ? "true" : "false");
        if (done.Reason is { } reason) builder.Append(", reason: ").Append(UseCaseText.Quote(reason));
        return builder.Append(" }").ToString();
    }

    private static YamlMappingNode StepNode(UseCaseText text, string step)
    {
        if (text.Find("plan", "steps") is not YamlSequenceNode steps) throw new NotFoundException("the use case has no plan steps", "step");
        return steps.Children.OfType<YamlMappingNode>().FirstOrDefault(s => s.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode { Value: var v } && v == step)
            ?? throw new NotFoundException($"the plan has no step '{step}'", "step");
    }

    // A flow mapping ({ name: a, kind: ml, done: {…} }) cannot lose a key in place; it is written again without it.
    private static string RemoveFrom(UseCaseText text, YamlMappingNode mapping, string key)
    {
        if (mapping.Style != YamlDotNet.Core.Events.MappingStyle.Flow) return text.Remove(mapping, key);
        var entries = mapping.Children.Where(e => e.Key is not YamlScalarNode { Value: var k } || k != key)
            .Select(e => $"{((YamlScalarNode)e.Key).Value}: {Flow(text, e.Value)}");
        return text.Replace(mapping, "{ " + string.Join(", ", entries) + " }");
    }

    private static string Flow(UseCaseText text, YamlNode node) => node switch
    {
        YamlScalarNode scalar => UseCaseText.Quote(scalar.Value ?? ""),
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Children.Select(c => Flow(text, c))) + "]",
        YamlMappingNode map => "{ " + string.Join(", ", map.Children.Select(e => $"{((YamlScalarNode)e.Key).Value}: {Flow(text, e.Value)}")) + " }",
        _ => "null",
    };

    private static void Check(CanvasContent content)
    {
        foreach (var key in content.Blocks.Keys.Concat(content.Growth.Keys))
            if (!CanvasKeys.Blocks.Contains(key) && !CanvasKeys.Conditions.Contains(key))
                throw new InputException($"'{key}' is not a block of the canvas nor a growth condition; expected one of: {string.Join(", ", CanvasKeys.Blocks.Concat(CanvasKeys.Conditions))}", key);
        foreach (var (key, items) in content.Blocks)
        {
            if (items.Count > CanvasKeys.MaxItems) throw new InputException($"'{key}' holds {items.Count} items; at most {CanvasKeys.MaxItems}", key);
            if (items.FirstOrDefault(i => i.Length > CanvasKeys.MaxItemLength) is { } long_) throw new InputException($"an item of '{key}' is {long_.Length} characters long; at most {CanvasKeys.MaxItemLength}", key);
        }
        foreach (var (key, condition) in content.Growth)
        {
            if (condition.Metric is { Length: > 0 } metric && !CanvasKeys.IsFigure(metric))
                throw new InputException($"the metric of '{key}' is '{metric}'; expected one of: {string.Join(", ", CanvasKeys.Figures)}", $"{key}.metric");
            if (condition.Statement is { Length: > CanvasKeys.MaxStatementLength }) throw new InputException($"the statement of '{key}' is longer than {CanvasKeys.MaxStatementLength} characters", $"{key}.statement");
        }
    }

    private static IReadOnlyList<string> Items(CanvasContent content, string key) =>
        content.Blocks.TryGetValue(key, out var items) ? items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList() : [];

    private static GrowthStatement? Condition(CanvasContent content, string key) =>
        content.Growth.TryGetValue(key, out var c) && (!string.IsNullOrWhiteSpace(c.Statement) || !string.IsNullOrWhiteSpace(c.Metric))
            ? new GrowthStatement(string.IsNullOrWhiteSpace(c.Statement) ? null : c.Statement.Trim(), string.IsNullOrWhiteSpace(c.Metric) ? null : c.Metric.Trim())
            : null;

    private static string ApplyCanvas(UseCaseText text, CanvasContent content)
    {
        // No canvas yet, one written as a single flow mapping, or nothing left to say: the section is written whole.
        var empty = CanvasKeys.Blocks.All(k => Items(content, k).Count == 0) && CanvasKeys.Conditions.All(k => Condition(content, k) is null);
        if (empty || text.Find("canvas") is not YamlMappingNode { Style: not YamlDotNet.Core.Events.MappingStyle.Flow, Children.Count: > 0 })
            return text.SetSection("canvas", SectionText(content));
        var current = text;
        foreach (var key in CanvasKeys.Blocks)
        {
            var canvas = (YamlMappingNode)current.Find("canvas")!;
            var items = Items(content, key);
            var node = current.Find("canvas", key);
            if (node is not null && SameItems(node, items)) continue;
            if (node is null && items.Count == 0) continue;
            string next;
            if (items.Count == 0) next = current.Remove(canvas, key);
            else if (node is YamlSequenceNode { Style: not YamlDotNet.Core.Events.SequenceStyle.Flow } block)
                next = current.Replace(block, string.Join("\n" + new string(' ', (int)block.Start.Column - 1), items.Select(i => "- " + UseCaseText.Quote(i))));
            else next = current.Set(canvas, key, FlowList(items));
            current = new UseCaseText(next, text.File);
        }
        return ApplyGrowth(current, content);
    }

    private static string ApplyGrowth(UseCaseText text, CanvasContent content)
    {
        var canvas = (YamlMappingNode)text.Find("canvas")!;
        var wanted = CanvasKeys.Conditions.Select(k => (Key: k, Condition: Condition(content, k))).Where(c => c.Condition is not null).ToList();
        if (text.Find("canvas", "growth") is not YamlMappingNode growth)
            return wanted.Count == 0 ? text.Text : text.Set(canvas, "growth", "{ " + string.Join(", ", wanted.Select(w => $"{w.Key}: {ConditionText(w.Condition!)}")) + " }");
        if (wanted.Count == 0) return canvas.Style == YamlDotNet.Core.Events.MappingStyle.Flow ? text.Replace(growth, "{}") : text.Remove(canvas, "growth");
        var current = text;
        foreach (var key in CanvasKeys.Conditions)
        {
            var node = (YamlMappingNode)current.Find("canvas", "growth")!;
            var condition = Condition(content, key);
            var existing = current.Find("canvas", "growth", key);
            if (existing is not null && condition is not null && SameCondition(existing, condition)) continue;
            if (existing is null && condition is null) continue;
            var next = condition is null ? RemoveFrom(current, node, key) : current.Set(node, key, ConditionText(condition));
            current = new UseCaseText(next, text.File);
        }
        return current.Text;
    }

    private static bool SameItems(YamlNode node, IReadOnlyList<string> items) => node switch
    {
        YamlScalarNode scalar => items.Count == 1 && scalar.Value == items[0],
        YamlSequenceNode sequence => sequence.Children.Select(c => (c as YamlScalarNode)?.Value).SequenceEqual(items),
        _ => false,
    };

    private static bool SameCondition(YamlNode node, GrowthStatement condition)
    {
        if (node is YamlScalarNode scalar) return condition.Metric is null && scalar.Value == condition.Statement;
        if (node is not YamlMappingNode map) return false;
        string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
        return Get("statement") == condition.Statement && Get("metric") == condition.Metric;
    }

    private static string FlowList(IReadOnlyList<string> items) => "[" + string.Join(", ", items.Select(UseCaseText.Quote)) + "]";

    private static string ConditionText(GrowthStatement condition)
    {
        var parts = new List<string>();
        if (condition.Statement is { } statement) parts.Add("statement: " + UseCaseText.Quote(statement));
        if (condition.Metric is { } metric) parts.Add("metric: " + metric);
        return "{ " + string.Join(", ", parts) + " }";
    }

    /// <summary>A whole <c>canvas:</c> section: each non-empty block as a list, then the stated conditions.</summary>
    public static string SectionText(CanvasContent content)
    {
        var builder = new StringBuilder("canvas:\n");
        foreach (var key in CanvasKeys.Blocks)
        {
            var items = Items(content, key);
            if (items.Count == 0) continue;
            builder.Append("  ").Append(key).Append(":\n");
            foreach (var item in items) builder.Append("    - ").Append(UseCaseText.Quote(item)).Append('\n');
        }
        var conditions = CanvasKeys.Conditions.Select(k => (Key: k, Condition: Condition(content, k))).Where(c => c.Condition is not null).ToList();
        if (conditions.Count > 0)
        {
            builder.Append("  growth:\n");
            foreach (var (key, condition) in conditions) builder.Append("    ").Append(key).Append(": ").Append(ConditionText(condition!)).Append('\n');
        }
        if (builder.Length == "canvas:\n".Length) return "canvas: {}\n";
        return builder.ToString();
    }
}
