using Flywheel.Operate.Inference;
using Flywheel.Operate.Monitoring.Attribution;
using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Drift;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.UseCases;
using Flywheel.Workflows.Baselines;

namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>
/// Attribution drift: global importance (mean |contribution| by baseline substitution, as <see cref="LoadedModel"/>
/// explains a request) on up to 500 seeded rows of the window and of the reference sample, ranked and compared by
/// NDCG (<see cref="AttributionRanking"/>); drifted below <c>ndcg</c>.
/// </summary>
public static class AttributionStep
{
    public static (AttributionDrift? Drift, Violation? Violation) Run(LoadedModel model, WindowRows window, MonitoringBaseline baseline, MonitoringSection monitoring, int seed)
    {
        if (window.Count == 0 || baseline.ReferenceRows == 0) return (null, null);
        var inputs = model.Spec.Inputs;
        var current = Importance(model, PackageBaseline.Sample(window.Count, BaselineFiles.AttributionRows, seed).Select(r => Row(inputs, window, r)).ToList());
        var reference = Importance(model, PackageBaseline.Sample(baseline.ReferenceRows, BaselineFiles.AttributionRows, seed)
            .Select(r => Row(inputs, baseline.Reference, r)).ToList());
        var ndcg = AttributionRanking.Ndcg(reference, current);
        var threshold = monitoring.Threshold(MonitoringThresholds.Ndcg);
        var drift = new AttributionDrift(ndcg, threshold, ndcg < threshold, reference, current);
        return (drift, drift.Drifted
            ? new Violation(null, CheckTypes.AttributionDrift, $"the importance ranking moved: NDCG {ndcg:0.###} below {threshold:0.###} (top now: {string.Join(", ", current.OrderByDescending(c => c.Value).Take(3).Select(c => c.Key))})", ndcg, threshold)
            : null);
    }

    /// <summary>Mean |contribution| per input over the rows.</summary>
    public static IReadOnlyDictionary<string, double> Importance(LoadedModel model, IReadOnlyList<InputRow> rows)
    {
        var inputs = model.Spec.Inputs;
        var sums = new double[inputs.Count];
        foreach (var prediction in model.Score(rows, inputs.Count))
            foreach (var contribution in prediction.Explanation!.Contributions)
                sums[IndexOf(inputs, contribution.Feature)] += Math.Abs(contribution.Change);
        return Enumerable.Range(0, inputs.Count).ToDictionary(i => inputs[i].Name, i => rows.Count == 0 ? 0 : sums[i] / rows.Count, StringComparer.Ordinal);
    }

    private static int IndexOf(IReadOnlyList<Serving.ServingInputColumn> inputs, string name)
    {
        for (var i = 0; i < inputs.Count; i++)
            if (inputs[i].Name == name) return i;
        return 0;
    }

    private static InputRow Row(IReadOnlyList<Serving.ServingInputColumn> inputs, WindowRows window, int r)
    {
        var row = new InputRow(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (window.Numbers[i] is { } numbers) row.Numbers[i] = numbers[r];
            else row.Texts[i] = window.Texts[i]![r];
        }
        return row;
    }

    private static InputRow Row(IReadOnlyList<Serving.ServingInputColumn> inputs, IReadOnlyDictionary<string, ColumnSample> reference, int r)
    {
        var row = new InputRow(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            switch (reference.GetValueOrDefault(inputs[i].Name))
            {
                case ColumnSample.Numeric n: row.Numbers[i] = n.Values[r]; break;
                case ColumnSample.Categorical c: row.Texts[i] = c.Values[r]; break;
            }
        }
        return row;
    }
}
