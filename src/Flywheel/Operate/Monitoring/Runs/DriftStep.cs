using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Drift;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Tasks;
using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>
/// Drift of every input and of the prediction (binary and regression: the score; multiclass: the predicted label)
/// against the reference sample and the test split's predictions, judged by <see cref="DriftDetector"/>; the dataset
/// verdict, the overlaid distributions, and a <c>baseline_drift_check</c> violation per drifted column.
/// </summary>
public static class DriftStep
{
    public const string PredictionFeature = "prediction";

    public sealed record Result(IReadOnlyList<FeatureDrift> Drift, DatasetDrift Dataset, IReadOnlyList<FeatureDistribution> Distributions, IReadOnlyList<Violation> Violations);

    public static DatasetDrift None(DriftSettings settings) => new(0, settings.DriftShare, false, 0, 0);

    public static Result Run(WindowRows window, MonitoringBaseline baseline, DriftSettings settings, CancellationToken cancellation)
    {
        var columns = new List<(string Feature, string Kind, ColumnSample Reference, ColumnSample Current)>();
        for (var i = 0; i < window.Spec.Inputs.Count; i++)
        {
            var input = window.Spec.Inputs[i];
            if (!baseline.Reference.TryGetValue(input.Name, out var reference)) continue;
            ColumnSample current = window.Numbers[i] is { } numbers ? new ColumnSample.Numeric(numbers) : new ColumnSample.Categorical(window.Texts[i]!);
            if (reference.GetType() != current.GetType()) continue;
            columns.Add((input.Name, input.Numeric ? "numeric" : "categorical", reference, current));
        }
        if (window.Spec.Task == MlTask.Multiclass)
            columns.Add((PredictionFeature, "prediction", new ColumnSample.Categorical(baseline.Predictions.Predicted.ToArray()), new ColumnSample.Categorical(window.Predicted)));
        else
            columns.Add((PredictionFeature, "prediction", new ColumnSample.Numeric(baseline.Predictions.Scores.ToArray()), new ColumnSample.Numeric(window.Scores)));

        // Each column is sorted or counted once for both its test and its distribution, and the columns are
        // independent, so they are judged in parallel (a 1,000,000-row window: ~20 sorts of a million values).
        var judged = new (FeatureDrift Drift, FeatureDistribution Distribution)?[columns.Count];
        Parallel.For(0, columns.Count, new ParallelOptions { CancellationToken = cancellation }, c =>
        {
            var (feature, kind, reference, current) = columns[c];
            PreparedColumn preparedReference = PreparedColumn.From(reference), preparedCurrent = PreparedColumn.From(current);
            if (preparedCurrent.Rows == 0 || preparedReference.Rows == 0) return;
            judged[c] = (DriftDetector.Compare(feature, kind, preparedReference, preparedCurrent, settings),
                DriftDetector.Distribution(feature, kind, preparedReference, preparedCurrent));
        });
        var found = judged.Where(j => j is not null).Select(j => j!.Value).ToList();
        var drift = found.Select(j => j.Drift).ToList();
        var distributions = found.Select(j => j.Distribution).ToList();
        var violations = drift.Where(d => d.Drifted).Select(d => new Violation(d.Feature, CheckTypes.BaselineDrift,
            $"'{d.Feature}' drifted: {d.Method} {d.Statistic:G4}{(d.PValue is { } p ? $", p = {p:G3}" : "")} (threshold {d.Threshold:G3}); PSI {d.Psi:G3}",
            d.PValue ?? d.Statistic, d.Threshold)).ToList();
        var ordered = drift.OrderByDescending(d => d.Drifted).ThenByDescending(Severity).ThenBy(d => d.Feature, StringComparer.Ordinal).ToList();
        return new Result(ordered, DriftDetector.Dataset(drift, settings), distributions, violations);
    }

    // How far past its threshold a column is: a p-value's smallness or a distance's size, relative to the threshold.
    private static double Severity(FeatureDrift drift) => drift.PValue is { } p
        ? (drift.Threshold > 0 ? drift.Threshold / Math.Max(p, 1e-300) : 0)
        : (drift.Threshold > 0 ? drift.Statistic / drift.Threshold : drift.Statistic);
}
