using Flywheel.Evaluation.Metrics;
using Flywheel.Serving;
using Flywheel.Tasks;

namespace Flywheel.Operate.Monitoring.Quality;

/// <summary>
/// Model quality on the labelled rows with the training metric catalog (<see cref="MetricCatalog"/>: the same
/// definitions as the test report), standard deviations from 200 seeded bootstrap resamples when there are at least
/// 200 rows, and the same metrics per time bucket (hourly for a window of up to two days, else daily).
/// </summary>
public static class ModelQuality
{
    public const int BootstrapMinimum = 200;
    public const int Resamples = 200;

    public static TimeSpan Interval(DateTimeOffset from, DateTimeOffset to) => to - from <= TimeSpan.FromDays(2) ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    /// <summary>Null when no row is labelled (or no label could be read for the task).</summary>
    public static QualityReport? Measure(ServingSpec spec, LabelledRows labelled, IReadOnlyDictionary<string, double> expected, DateTimeOffset from, DateTimeOffset to, int seed)
    {
        var metrics = Metrics(spec, labelled);
        if (metrics is null) return null;
        Dictionary<string, double>? deviations = null;
        if (labelled.Count >= BootstrapMinimum)
        {
            var random = new Random(seed);
            var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var positions = new int[labelled.Count];
            for (var b = 0; b < Resamples; b++)
            {
                for (var i = 0; i < positions.Length; i++) positions[i] = random.Next(positions.Length);
                foreach (var (name, value) in Metrics(spec, labelled.Subset(positions)) ?? new Dictionary<string, double>())
                {
                    if (!samples.TryGetValue(name, out var list)) samples[name] = list = [];
                    list.Add(value);
                }
            }
            deviations = samples.Where(s => s.Value.Count > 1).ToDictionary(s => s.Key, s => StandardDeviation(s.Value), StringComparer.Ordinal);
        }
        return new QualityReport(labelled.Count, metrics, deviations, expected, Interval(from, to));
    }

    public static IReadOnlyList<QualityPoint> OverTime(ServingSpec spec, LabelledRows labelled, DateTimeOffset from, DateTimeOffset to)
    {
        var interval = Interval(from, to);
        var points = new List<QualityPoint>();
        var start = Floor(from, interval);
        for (var bucket = start; bucket < to; bucket += interval)
        {
            var end = bucket + interval;
            var positions = Enumerable.Range(0, labelled.Count).Where(i => labelled.Times[i] >= bucket && labelled.Times[i] < end).ToList();
            if (positions.Count == 0) continue;
            if (Metrics(spec, labelled.Subset(positions)) is { } metrics) points.Add(new QualityPoint(bucket, end, positions.Count, metrics));
        }
        return points;
    }

    /// <summary>The task's catalog metrics that are defined on these rows; null when no row has a readable label.</summary>
    public static Dictionary<string, double>? Metrics(ServingSpec spec, LabelledRows rows)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (spec.Task)
        {
            case MlTask.Binary:
            {
                var classes = spec.BinaryClasses();
                var keep = Enumerable.Range(0, rows.Count).Where(i => !double.IsNaN(rows.Scores[i]) && (rows.Labels[i] == classes.Positive || rows.Labels[i] == classes.Negative)).ToList();
                if (keep.Count == 0) return null;
                // At the catalog's own threshold, as training measured the test split (the expected values beside these)
                // and as the challenger comparison measures: the policy's threshold is priced in the realized value instead.
                var predictions = new BinaryPredictions(keep.Select(i => rows.Labels[i] == classes.Positive).ToList(), keep.Select(i => rows.Scores[i]).ToList());
                foreach (var metric in MetricCatalog.Binary) Add(values, metric.Name, metric.Compute(predictions));
                break;
            }
            case MlTask.Multiclass:
            {
                var index = spec.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
                var keep = Enumerable.Range(0, rows.Count).Where(i => index.ContainsKey(rows.Labels[i]) && rows.Predicted[i] is { } p && index.ContainsKey(p)).ToList();
                if (keep.Count == 0) return null;
                var predictions = new MulticlassPredictions(keep.Select(i => index[rows.Labels[i]]).ToList(), keep.Select(i => index[rows.Predicted[i]!]).ToList(), spec.Classes.Count, spec.Classes);
                foreach (var metric in MetricCatalog.Multiclass) Add(values, metric.Name, metric.Compute(predictions));
                break;
            }
            default:
            {
                var keep = Enumerable.Range(0, rows.Count).Where(i => double.IsFinite(LabelledRows.Number(rows.Labels[i])) && double.IsFinite(rows.Scores[i])).ToList();
                if (keep.Count == 0) return null;
                var predictions = new RegressionPredictions(keep.Select(i => LabelledRows.Number(rows.Labels[i])).ToList(), keep.Select(i => rows.Scores[i]).ToList());
                foreach (var metric in MetricCatalog.Regression) Add(values, metric.Name, metric.Compute(predictions));
                break;
            }
        }
        return values;
    }

    private static void Add(Dictionary<string, double> values, string name, double value)
    {
        if (double.IsFinite(value)) values[name] = value;
    }

    private static double StandardDeviation(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan interval)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % interval.Ticks, TimeSpan.Zero);
    }
}
