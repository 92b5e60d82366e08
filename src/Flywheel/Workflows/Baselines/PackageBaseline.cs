using System.Globalization;
using System.Text.Json;
using Flywheel.Data.Preprocessing;
using Flywheel.Evaluation.Decisions;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.UseCases;

namespace Flywheel.Workflows.Baselines;

/// <summary>
/// Computes the monitoring baseline at packaging, from the rows the model learnt from (the train split) and the test
/// split's predictions: the attachments of <see cref="BaselineFiles"/>. Same data and seed → the same bytes, so the
/// package id stays a function of what was trained.
/// </summary>
public static class PackageBaseline
{
    public static IReadOnlyDictionary<string, byte[]> Build(
        UseCase useCase, ColumnTable table, IReadOnlyList<int> trainRows, IReadOnlyList<Data.Preprocessing.InputColumn> inputs,
        IReadOnlyList<int> testRows, Predictions test, ServingSpec spec, int seed)
    {
        var columns = inputs.Select(input => Column(table, input.Name, trainRows)).ToList();
        var thresholds = useCase.Monitoring?.Thresholds ?? MonitoringThresholds.Defaults;
        var statistics = ModelMonitorBaseline.Compute(columns, thresholds);
        var sample = trainRows.Count <= BaselineFiles.ReferenceRows ? null : Sample(trainRows.Count, BaselineFiles.ReferenceRows, seed);
        var facets = (useCase.Data?.Roles.Sensitive ?? []).Where(name => table.Find(name) is not null)
            .ToDictionary(name => name, name => (IReadOnlyList<string?>)testRows.Select(row => Text(table.Get(name, "sensitive"), row)).ToList());
        var predictions = Predictions(test, spec, facets);
        return new Dictionary<string, byte[]>
        {
            [BaselineFiles.Statistics] = statistics.Statistics,
            [BaselineFiles.Constraints] = statistics.Constraints,
            [BaselineFiles.Reference] = ModelMonitorBaseline.Parquet(columns, sample),
            [BaselineFiles.Predictions] = JsonSerializer.SerializeToUtf8Bytes(predictions, PackageJson.Options),
        };
    }

    /// <summary>The test split's scores, labels, decisions and facet values, and the expected positive and review shares.</summary>
    public static PredictionBaseline Predictions(Predictions test, ServingSpec spec, IReadOnlyDictionary<string, IReadOnlyList<string?>> facets)
    {
        var n = test.Count;
        var scores = new double[n];
        var labels = new string[n];
        var predicted = new string[n];
        var reviewed = new bool[n];
        var rule = spec.Policy.Rule;
        long positives = 0;
        for (var i = 0; i < n; i++)
        {
            switch (spec.Task)
            {
                case MlTask.Binary:
                    var classes = spec.BinaryClasses();
                    scores[i] = test.Values[i];
                    labels[i] = test.Actual[i] > 0.5 ? classes.Positive : classes.Negative;
                    var decision = rule.Decide(scores[i]);
                    reviewed[i] = decision == BinaryDecision.Review;
                    predicted[i] = scores[i] >= (rule.Threshold ?? 0.5) ? classes.Positive : classes.Negative;
                    if (decision == BinaryDecision.Positive) positives++;
                    break;
                case MlTask.Multiclass:
                    var probabilities = test.ClassScores![i];
                    var (best, review) = rule.Decide(probabilities);
                    scores[i] = probabilities[best];
                    labels[i] = spec.Classes[(int)test.Actual[i]];
                    predicted[i] = spec.Classes[best];
                    reviewed[i] = review;
                    break;
                default:
                    scores[i] = Target(spec, test.Values[i]);
                    labels[i] = Target(spec, test.Actual[i]).ToString("R", CultureInfo.InvariantCulture);
                    predicted[i] = scores[i].ToString("R", CultureInfo.InvariantCulture);
                    break;
            }
        }
        return new PredictionBaseline(spec.Task.Name(), n, spec.Task == MlTask.Binary && n > 0 ? (double)positives / n : null,
            n == 0 ? 0 : (double)reviewed.Count(r => r) / n, scores, labels, predicted, reviewed, facets);
    }

    /// <summary><paramref name="take"/> distinct row positions of <paramref name="count"/>, seeded, in ascending order.</summary>
    public static IReadOnlyList<int> Sample(int count, int take, int seed)
    {
        if (take >= count) return Enumerable.Range(0, count).ToList();
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < take; i++)
        {
            var j = i + random.Next(count - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var chosen = order[..take];
        Array.Sort(chosen);
        return chosen;
    }

    private static double Target(ServingSpec spec, double value) => spec.Policy.LogTarget ? Math.Exp(value) : value;

    private static BaselineColumn Column(ColumnTable table, string name, IReadOnlyList<int> rows)
    {
        var column = table.Get(name, "the model's input");
        return column.IsNumeric
            ? BaselineColumn.Numeric(name, rows.Select(column.Number).ToArray())
            : BaselineColumn.Text(name, rows.Select(column.String).ToArray());
    }

    private static string? Text(TableColumn column, int row) => column.IsNumeric
        ? double.IsNaN(column.Number(row)) ? null : column.Number(row).ToString("R", CultureInfo.InvariantCulture)
        : column.String(row);
}
