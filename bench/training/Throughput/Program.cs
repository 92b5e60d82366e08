// Batch prediction throughput on the churn model: Flywheel's streaming CSV predictor (parse, check, score in
// batches, write) against a plain loop over ML.NET's PredictionEngine with a typed row (parse, predict, no writing).
using System.Diagnostics;
using System.Globalization;
using Flywheel.Serving;
using Flywheel.Workflows;
using Microsoft.ML;

var package = ModelLocator.Resolve(args[0]);
var input = args[1];

var scoring = ScoringModel.Load(package);
CsvPredictor.Predict(scoring, input, input + ".warmup.csv");
var summary = CsvPredictor.Predict(scoring, input, input + ".flywheel.csv");
Console.WriteLine($"flywheel predict (library): {summary.Rows:N0} rows in {summary.Duration.TotalSeconds:0.00}s = {summary.RowsPerSecond:N0} rows/s");

var ml = new MLContext(0);
ITransformer model;
using (var stream = package.OpenModel()) model = ml.Model.Load(stream, out _);
var engine = ml.Model.CreatePredictionEngine<ChurnRow, ChurnScore>(model);
var rows = File.ReadLines(input).Skip(1).Select(ChurnRow.Parse).ToList();
engine.Predict(rows[0]);
var clock = Stopwatch.StartNew();
double sum = 0;
foreach (var row in rows) sum += engine.Predict(row).Probability;
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"PredictionEngine loop (typed rows, parsed beforehand, nothing written): {rows.Count:N0} rows in {seconds:0.00}s = {rows.Count / seconds:N0} rows/s (checksum {sum:0.###})");

public sealed class ChurnScore
{
    public float Probability { get; set; }
}

public sealed class ChurnRow
{
    public string state { get; set; } = "";
    public float account_length { get; set; }
    public string area_code { get; set; } = "";
    public string international_plan { get; set; } = "";
    public string voice_mail_plan { get; set; } = "";
    public float number_vmail_messages { get; set; }
    public float total_day_minutes { get; set; }
    public float total_day_calls { get; set; }
    public float total_day_charge { get; set; }
    public float total_eve_minutes { get; set; }
    public float total_eve_calls { get; set; }
    public float total_eve_charge { get; set; }
    public float total_night_minutes { get; set; }
    public float total_night_calls { get; set; }
    public float total_night_charge { get; set; }
    public float total_intl_minutes { get; set; }
    public float total_intl_calls { get; set; }
    public float total_intl_charge { get; set; }
    public float number_customer_service_calls { get; set; }

    public static ChurnRow Parse(string line)
    {
        var f = line.Split(',').Select(field => field.Trim('"')).ToArray();
        float N(int i) => float.Parse(f[i], CultureInfo.InvariantCulture);
        return new ChurnRow
        {
            state = f[0], account_length = N(1), area_code = f[2], international_plan = f[3], voice_mail_plan = f[4],
            number_vmail_messages = N(5), total_day_minutes = N(6), total_day_calls = N(7), total_day_charge = N(8),
            total_eve_minutes = N(9), total_eve_calls = N(10), total_eve_charge = N(11), total_night_minutes = N(12),
            total_night_calls = N(13), total_night_charge = N(14), total_intl_minutes = N(15), total_intl_calls = N(16),
            total_intl_charge = N(17), number_customer_service_calls = N(18),
        };
    }
}
