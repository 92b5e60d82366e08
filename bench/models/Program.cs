// The baseline of the throughput benchmark: a plain loop over ML.NET's PredictionEngine on the model.zip of a
// Flywheel package, reading and writing CSV the same way `flywheel predict` does (same reader, same escaping),
// one row at a time. Prints one JSON object: rows, seconds (scoring loop only, model load excluded), rowsPerSecond.
// Usage: Flywheel.Bench.Models PACKAGE_DIR INPUT.csv OUTPUT.csv
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Flywheel.Bench.Models;
using Flywheel.Serving;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Flywheel.Bench.Models PACKAGE_DIR INPUT.csv OUTPUT.csv");
    return 2;
}
var (packageDirectory, inputPath, outputPath) = (args[0], args[1], args[2]);

var spec = ServingSpec.FromJson(File.ReadAllText(Path.Combine(packageDirectory, ServingSpec.FileName)), packageDirectory);
var setters = InputSetters.For(spec);
var ml = new MLContext(0);
ITransformer model;
using (var stream = File.OpenRead(Path.Combine(packageDirectory, ServingSpec.ModelFileName)))
    model = ml.Model.Load(stream, out _);
var engine = ml.Model.CreatePredictionEngine<ChurnInput, ChurnScore>(model);

var clock = Stopwatch.StartNew();
long rows = 0;
using (var input = new StreamReader(inputPath, new UTF8Encoding(false)))
using (var output = new StreamWriter(outputPath, false, new UTF8Encoding(false)))
{
    var reader = new CsvRecordReader(input, inputPath);
    var header = reader.Read() ?? throw new InvalidOperationException($"{inputPath} is empty");
    var fieldOf = setters.Select(setter => Array.IndexOf(header.Fields, setter.Column)).ToArray();
    output.Write(string.Join(",", header.Fields.Append("score").Select(CsvRecordReader.Escape)));
    output.Write('\n');
    var row = new ChurnInput();
    var score = new ChurnScore();
    foreach (var record in reader.Records())
    {
        for (var i = 0; i < setters.Count; i++) setters[i].Set(row, record.Fields[fieldOf[i]]);
        engine.Predict(row, ref score);
        output.Write(string.Join(",", record.Fields.Select(CsvRecordReader.Escape)));
        output.Write(',');
        output.Write(score.Probability.ToString("R", CultureInfo.InvariantCulture));
        output.Write('\n');
        rows++;
    }
}
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(JsonSerializer.Serialize(new { rows, seconds, rowsPerSecond = rows / seconds }));
return 0;

/// <summary>Sets one <see cref="ChurnInput"/> property from CSV text: a number (empty = NaN) or the text itself.</summary>
internal sealed record InputSetter(string Column, Action<ChurnInput, string> Set);

internal static class InputSetters
{
    /// <summary>One setter per model input; fails when <see cref="ChurnInput"/> does not match the package's inputs.</summary>
    public static IReadOnlyList<InputSetter> For(ServingSpec spec)
    {
        var properties = typeof(ChurnInput).GetProperties()
            .ToDictionary(ColumnName, StringComparer.Ordinal);
        return spec.Inputs.Select(input =>
        {
            if (!properties.TryGetValue(input.Name, out var property))
                throw new InvalidOperationException($"ChurnInput has no column '{input.Name}'; this baseline is written for mlc_churn");
            if ((property.PropertyType == typeof(float)) != input.Numeric)
                throw new InvalidOperationException($"column '{input.Name}' is {(input.Numeric ? "numeric" : "text")} in the package, not in ChurnInput");
            // Compiled setters, not PropertyInfo.SetValue: as fast as the hand-written assignments of a real client.
            if (input.Numeric)
            {
                var setNumber = property.SetMethod!.CreateDelegate<Action<ChurnInput, float>>();
                return new InputSetter(input.Name, (row, text) => setNumber(row, Number(text)));
            }
            var setText = property.SetMethod!.CreateDelegate<Action<ChurnInput, string>>();
            return new InputSetter(input.Name, setText);
        }).ToList();
    }

    // ColumnNameAttribute keeps its name internal; its constructor argument is the name.
    private static string ColumnName(PropertyInfo property) =>
        (string)property.GetCustomAttributesData().Single(a => a.AttributeType == typeof(ColumnNameAttribute)).ConstructorArguments[0].Value!;

    private static float Number(string text) =>
        InputRows.IsMissing(text) ? float.NaN : float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
