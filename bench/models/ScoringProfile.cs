using System.Diagnostics;
using System.Text;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Registry;
using InputColumn = Flywheel.Data.Preprocessing.InputColumn;
using Flywheel.Serving;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Bench.Models;

/// <summary>
/// Where batch scoring spends its CPU: the rows are read into memory first, then the same model scores them
/// through Flywheel's batches, through ML.NET batches over <c>LoadFromEnumerable</c>, in one batch, and with a
/// PredictionEngine; each twice, to separate the cold first pass from the warm one. Run it again with
/// <c>DOTNET_TieredCompilation=0</c> to see how much of the cold pass is the tiered JIT.
/// </summary>
internal static class ScoringProfile
{
    public static void Run(string packageDirectory, string inputPath, TextWriter report)
    {
        var package = ModelPackage.Open(packageDirectory);
        var model = ScoringModel.Load(package);
        var ml = new MLContext(0);
        var chain = EngineLoop.LoadModel(ml, package);
        var inputs = model.Spec.Inputs.Select(i => new InputColumn(i.Name, i.Numeric ? ColumnKind.Numeric : ColumnKind.Categorical)).ToList();

        var (records, header) = ReadAll(inputPath);
        var batches = Measure(report, "InputRows.Add + TakeBatch", () => Batches(model, records, header, inputPath, CsvPredictor.DefaultBatchSize));
        var setters = InputSetters.For(model.Spec);
        var fieldOf = InputSetters.FieldsOf(setters, header);
        var objects = records.Select(record => InputSetters.Fill(new ChurnInput(), setters, fieldOf, record.Fields)).ToList();
        report.WriteLine($"{records.Count:N0} rows in memory; CPU seconds of each pass:");

        for (var pass = 1; pass <= 2; pass++)
        {
            Measure(report, $"pass {pass}: ScoringModel.Score, {CsvPredictor.DefaultBatchSize}-row batches", () => batches.Sum(batch => model.Score(batch).Count));
            Measure(report, $"pass {pass}: Transform over ColumnTableDataView, {CsvPredictor.DefaultBatchSize}-row batches",
                () => batches.Sum(batch => Probabilities(chain.Transform(ServingInput.ToDataView(batch, inputs)))));
            Measure(report, $"pass {pass}: Transform over LoadFromEnumerable, {CsvPredictor.DefaultBatchSize}-row batches",
                () => objects.Chunk(CsvPredictor.DefaultBatchSize).Sum(chunk => Probabilities(chain.Transform(ml.Data.LoadFromEnumerable(chunk)))));
            Measure(report, $"pass {pass}: one Transform over all rows", () => Probabilities(chain.Transform(ml.Data.LoadFromEnumerable(objects))));
            var engine = ml.Model.CreatePredictionEngine<ChurnInput, ChurnScore>(chain);
            Measure(report, $"pass {pass}: PredictionEngine.Predict per row", () =>
            {
                var score = new ChurnScore();
                var count = 0;
                foreach (var row in objects) { engine.Predict(row, ref score); count++; }
                return count;
            });
        }
    }

    private static int Probabilities(IDataView scored) => scored.GetColumn<float>("Probability").Count();

    private static (List<CsvRecord> Records, string[] Header) ReadAll(string inputPath)
    {
        using var input = new StreamReader(inputPath, new UTF8Encoding(false));
        var reader = new CsvRecordReader(input, inputPath);
        var header = reader.Read() ?? throw new InvalidOperationException($"{inputPath} is empty");
        return (reader.Records().ToList(), header.Fields);
    }

    private static List<ColumnTable> Batches(ScoringModel model, List<CsvRecord> records, string[] header, string inputPath, int size)
    {
        var collected = new InputRows(model.Spec.Inputs, header, inputPath, model.Spec.Dialect);
        var batches = new List<ColumnTable>();
        foreach (var record in records)
        {
            collected.Add(record);
            if (collected.Count == size) batches.Add(collected.TakeBatch());
        }
        if (collected.Count > 0) batches.Add(collected.TakeBatch());
        return batches;
    }

    private static T Measure<T>(TextWriter report, string what, Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = work();
        process.Refresh();
        report.WriteLine($"{(process.TotalProcessorTime - before).TotalSeconds,8:0.00}  {what}");
        return result;
    }
}
