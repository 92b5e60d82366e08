using System.Diagnostics;
using System.Globalization;
using System.Text;
using Flywheel.Evaluation.Curves;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Metrics;

// Times the evaluation metrics on one fixed data set and writes it for the scikit-learn peer (peer.py).
// Usage: dotnet run -c Release -- <rows> <data.csv> <results.tsv>
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var dataPath = args.Length > 1 ? args[1] : "/tmp/flywheel-bench-evaluation.csv";
var resultPath = args.Length > 2 ? args[2] : "/tmp/flywheel-bench-evaluation.flywheel.tsv";

var rng = new Random(1729);
var labels = new bool[rows];
var scores = new double[rows];
for (var i = 0; i < rows; i++)
{
    labels[i] = rng.NextDouble() < 0.2;
    // Rounded to 3 decimals so that ties are common, as with tree models.
    scores[i] = Math.Round(Math.Clamp((labels[i] ? 0.6 : 0.4) + (rng.NextDouble() - 0.5) * 0.8, 0, 1), 3);
}
var text = new StringBuilder("label,score\n");
for (var i = 0; i < rows; i++) text.Append(labels[i] ? '1' : '0').Append(',').Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
File.WriteAllText(dataPath, text.ToString());

var p = new BinaryPredictions(labels, scores);
var outcomes = new BinaryOutcomeValues(-500, -500, -200_000, 0, "JPY");
var results = new StringBuilder("operation\tseconds\tvalue\n");
Time("roc_auc", () => BinaryMetrics.Auc(p));
Time("average_precision", () => BinaryMetrics.AveragePrecision(p));
Time("log_loss", () => BinaryMetrics.LogLoss(p));
Time("roc_curve", () => BinaryCurves.Roc(p).X.Count);
Time("best_threshold_value_per_item", () => DecisionPolicy.Optimize(labels, scores, outcomes).ValidationValuePerItem!.Value);
File.WriteAllText(resultPath, results.ToString());
Console.Write(results);

void Time(string name, Func<double> operation)
{
    operation(); // warm up the JIT
    var seconds = new List<double>();
    double value = 0;
    for (var run = 0; run < 5; run++)
    {
        var clock = Stopwatch.StartNew();
        value = operation();
        seconds.Add(clock.Elapsed.TotalSeconds);
    }
    results.Append(CultureInfo.InvariantCulture, $"{name}\t{seconds.Order().ElementAt(2):F4}\t{value:R}\n");
}
