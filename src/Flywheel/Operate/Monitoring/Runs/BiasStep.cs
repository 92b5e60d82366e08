using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Bias;
using Flywheel.Operate.Monitoring.Quality;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Tasks;
using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>
/// Clarify's metrics per declared facet (<c>monitoring.facets</c>, binary tasks): post-training on the window's
/// labelled rows (observed and predicted label), pre-training on their observed labels, and the post-training values
/// on the test split from the package as the baseline; a metric drifted when it moved more than <c>bias_change</c>.
/// </summary>
public static class BiasStep
{
    public static (BiasDrift? Bias, IReadOnlyList<Violation> Violations) Run(WindowRows window, LabelledRows labelled, MonitoringBaseline? baseline, MonitoringSection monitoring)
    {
        if (monitoring.Facets.Count == 0 || window.Spec.Task != MlTask.Binary) return (null, []);
        var positive = window.Spec.BinaryClasses().Positive;
        var change = monitoring.Threshold(MonitoringThresholds.BiasChange);
        var facets = new List<FacetBias>();
        var violations = new List<Violation>();
        foreach (var (column, value) in monitoring.Facets.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            IReadOnlyDictionary<string, double>? pre = null, post = null, reference = null;
            if (window.TextOf(column) is { } values && labelled.Count > 0)
            {
                var rows = new BiasRows(
                    labelled.Rows.Select(r => values[r] == value).ToArray(),
                    labelled.Labels.Select(l => l == positive).ToArray(),
                    labelled.Predicted.Select(p => p == positive).ToArray());
                pre = ClarifyMetrics.PreTraining(rows with { Predicted = null });
                post = ClarifyMetrics.PostTraining(rows);
            }
            if (baseline?.Predictions is { } test && test.Facets.TryGetValue(column, out var testValues) && test.Rows > 0)
                reference = ClarifyMetrics.PostTraining(new BiasRows(
                    testValues.Select(v => v == value).ToArray(), test.Labels.Select(l => l == positive).ToArray(), test.Predicted.Select(p => p == positive).ToArray()));
            var drifted = post is null || reference is null ? [] : post
                .Where(m => reference.TryGetValue(m.Key, out var before) && double.IsFinite(before) && double.IsFinite(m.Value) && Math.Abs(m.Value - before) > change)
                .Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
            facets.Add(new FacetBias(column, value, pre, post, reference, drifted));
            if (drifted.Count > 0)
                violations.Add(new Violation(column, CheckTypes.BiasDrift,
                    $"facet {column} = {value}: {string.Join(", ", drifted.Select(m => $"{m} {reference![m]:G3} → {post![m]:G3}"))} moved more than {change:G3}",
                    drifted.Max(m => Math.Abs(post![m] - reference![m])), change));
        }
        return (new BiasDrift(facets), violations);
    }
}
