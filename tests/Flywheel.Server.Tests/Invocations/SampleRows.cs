using System.Globalization;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Invocations;

/// <summary>The first rows of a sample's data file, and what <see cref="CsvPredictor"/> scores them as (the parity reference).</summary>
internal sealed class SampleRows
{
    private SampleRows(string[] header, List<string[]> rows, ServingSpec spec, IReadOnlyList<(double Score, string Label)> expected)
    {
        Header = header;
        Rows = rows;
        Spec = spec;
        Expected = expected;
    }

    public string[] Header { get; }
    public List<string[]> Rows { get; }
    public ServingSpec Spec { get; }
    public IReadOnlyList<(double Score, string Label)> Expected { get; }

    public static async Task<SampleRows> LoadAsync(string folder, string dataFile, string reference, int count)
    {
        var store = Flywheel.Storage.MetadataStore.ForUseCase(folder);
        var resolved = await new ModelCatalog(store).ResolveAsync(reference);
        var model = ScoringModel.Load(resolved.Package);
        using var tmp = new TempFolder();
        var records = Read(Path.Combine(folder, dataFile)).ToList();
        var input = tmp.File("in.csv");
        File.WriteAllLines(input, records.Take(count + 1).Select(Line));
        CsvPredictor.Predict(model, input, tmp.File("out.csv"));
        var scored = Read(tmp.File("out.csv")).ToList();
        var score = Array.IndexOf(scored[0], "score");
        var label = Array.IndexOf(scored[0], "suggested_label");
        var expected = scored.Skip(1).Select(r => (double.Parse(r[score], CultureInfo.InvariantCulture), r[label])).ToList();
        return new SampleRows(records[0], records.Skip(1).Take(count).ToList(), model.Spec, expected);
    }

    /// <summary>Rows as SageMaker sends them: no header, the model's inputs in schema order.</summary>
    public string HeaderlessCsv(int take = int.MaxValue) =>
        string.Concat(Rows.Take(take).Select(row => Line(Spec.Inputs.Select(input => row[Array.IndexOf(Header, input.Name)]).ToArray()) + "\n"));

    /// <summary>Rows as MLflow sends a CSV: a header (every column of the file, label included), then the rows.</summary>
    public string HeaderCsv() => string.Concat(new[] { Header }.Concat(Rows).Select(row => Line(row) + "\n"));

    /// <summary>The rows as records of input name → value (numbers as JSON numbers).</summary>
    public List<Dictionary<string, object?>> Records(int take = int.MaxValue) => Rows.Take(take).Select(row => Spec.Inputs.ToDictionary(input => input.Name,
        input => Value(row[Array.IndexOf(Header, input.Name)], input.Numeric))).ToList();

    private static object? Value(string text, bool numeric) =>
        text.Length == 0 ? null : !numeric ? text : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Line(string[] fields) => string.Join(",", fields.Select(CsvRecordReader.Escape));

    private static IEnumerable<string[]> Read(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var record in new CsvRecordReader(reader, path).Records())
            if (record.Fields is not [""]) yield return record.Fields;
    }
}
