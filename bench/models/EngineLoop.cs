using System.Diagnostics;
using System.Globalization;
using System.Text;
using Flywheel.Registry;
using Flywheel.Serving;
using Microsoft.ML;

namespace Flywheel.Bench.Models;

/// <summary>What the loop did: rows scored and the seconds of the loop (model load excluded).</summary>
internal sealed record EngineLoopResult(long Rows, double Seconds)
{
    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>
/// The baseline of the throughput benchmark: a plain loop over ML.NET's PredictionEngine on a package's
/// <c>model.zip</c>, reading and writing CSV the way <c>flywheel predict</c> does (same reader, same escaping),
/// one row at a time.
/// </summary>
internal static class EngineLoop
{
    public static EngineLoopResult Run(string packageDirectory, string inputPath, string outputPath)
    {
        var package = ModelPackage.Open(packageDirectory);
        var setters = InputSetters.For(ServingSpec.FromManifest(package.Manifest, package.Path));
        var ml = new MLContext(0);
        var engine = ml.Model.CreatePredictionEngine<ChurnInput, ChurnScore>(LoadModel(ml, package));

        var clock = Stopwatch.StartNew();
        long rows = 0;
        using var input = new StreamReader(inputPath, new UTF8Encoding(false));
        using var output = new StreamWriter(outputPath, false, new UTF8Encoding(false));
        var reader = new CsvRecordReader(input, inputPath);
        var header = reader.Read() ?? throw new InvalidOperationException($"{inputPath} is empty");
        var fieldOf = InputSetters.FieldsOf(setters, header.Fields);
        output.Write(string.Join(",", header.Fields.Append("score").Select(CsvRecordReader.Escape)));
        output.Write('\n');
        var row = new ChurnInput();
        var score = new ChurnScore();
        foreach (var record in reader.Records())
        {
            engine.Predict(InputSetters.Fill(row, setters, fieldOf, record.Fields), ref score);
            output.Write(string.Join(",", record.Fields.Select(CsvRecordReader.Escape)));
            output.Write(',');
            output.Write(score.Probability.ToString("R", CultureInfo.InvariantCulture));
            output.Write('\n');
            rows++;
        }
        output.Flush();
        return new EngineLoopResult(rows, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The package's <c>model.zip</c>, loaded as a plain ML.NET model (an ensemble's averaging mapping registered first).</summary>
    public static ITransformer LoadModel(MLContext ml, ModelPackage package)
    {
        Flywheel.Training.Ensembles.EnsembleModel.Register(ml);
        using var stream = package.OpenModel();
        return ml.Model.Load(stream, out _);
    }
}
