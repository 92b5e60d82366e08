using System.Globalization;
using Flywheel.Serving;
using Flywheel.Tasks;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

/// <summary>
/// Scores a training run's raw test rows through the serving path (a CSV written in the training file's own
/// dialect, <see cref="CsvPredictor"/>) and checks every score, label and decision against the test predictions
/// training stored.
/// </summary>
internal static class ServingParity
{
    public const double Tolerance = 1e-9;

    /// <summary>Returns the rows of the predicted CSV (header first) after checking them; <paramref name="source"/> holds one record per line.</summary>
    public static List<string[]> Check(TrainOutcome outcome, string source, string folder)
    {
        var lines = File.ReadAllLines(source);
        var input = Path.Combine(folder, "test-rows.csv");
        File.WriteAllLines(input, outcome.TestRows.Select(row => lines[row + 1]).Prepend(lines[0]));
        var output = Path.Combine(folder, "test-rows.scored.csv");
        var model = ScoringModel.Load(outcome.PackageDirectory);
        CsvPredictor.Predict(model, input, output);

        var scored = File.ReadAllLines(output).Select(line => new CsvRecordReader(new StringReader(line), output).Read()!.Value.Fields).ToList();
        var header = scored[0].ToList();
        var predictions = outcome.TestPredictions!;
        var spec = model.Spec;
        Assert.Equal(predictions.Count, scored.Count - 1);
        Assert.True(predictions.Count > 0);
        for (var i = 0; i < predictions.Count; i++)
        {
            var row = scored[i + 1];
            string Field(string name) => row[header.IndexOf(name)];
            double Number(string name) => double.Parse(Field(name), CultureInfo.InvariantCulture);
            var (score, suggested) = Expected(spec, outcome, i);
            Assert.True(Math.Abs(Number("score") - score) <= Tolerance * Math.Max(1, Math.Abs(score)), $"row {i}: served {Field("score")}, trained {score:R}");
            Assert.Equal(suggested, Field("suggested_label"));
            var review = Review(spec, score);
            Assert.Equal(review ? CsvPredictor.ReviewDecision : CsvPredictor.AutomaticDecision, Field("decision"));
            Assert.Equal(review ? "" : suggested, Field("label"));
            if (spec.Task == MlTask.Multiclass)
            {
                for (var c = 0; c < spec.Classes.Count; c++)
                    Assert.True(Math.Abs(Number($"p_{spec.Classes[c]}") - predictions.ClassScores![i][c]) <= Tolerance, $"row {i}: p_{spec.Classes[c]}");
            }
        }
        return scored;
    }

    // What training's stored prediction of test row i means in serving's terms: the score and the model's suggestion.
    private static (double Score, string Suggested) Expected(ServingSpec spec, TrainOutcome outcome, int i)
    {
        var predictions = outcome.TestPredictions!;
        switch (spec.Task)
        {
            case MlTask.Binary:
            {
                var p = predictions.Values[i];
                var classes = spec.BinaryClasses();
                return (p, p >= (spec.Policy.Threshold ?? 0.5) ? classes.Positive : classes.Negative);
            }
            case MlTask.Multiclass:
            {
                var best = MlTasks.ArgMax(predictions.ClassScores![i]);
                return (predictions.ClassScores[i][best], spec.Classes[best]);
            }
            default:
            {
                var value = outcome.Labels!.ToTarget(predictions.Values[i]);
                return (value, value.ToString("R", CultureInfo.InvariantCulture));
            }
        }
    }

    private static bool Review(ServingSpec spec, double score) => spec.Task switch
    {
        MlTask.Binary => spec.Policy is { ReviewLower: { } lower, ReviewUpper: { } upper } && score >= lower && score < upper,
        MlTask.Multiclass => score < (spec.Policy.ReviewUpper ?? 0),
        _ => false,
    };
}
