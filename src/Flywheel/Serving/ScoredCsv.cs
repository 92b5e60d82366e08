using System.Text;
using Flywheel.Data.Sources;

namespace Flywheel.Serving;

/// <summary>
/// A CSV read through a model one record at a time, in the dialect the model was trained on (delimiter, quote,
/// header, decimal separator, missing tokens; see <see cref="ServingSpec.Dialect"/>): the header is checked against
/// the model's inputs when opened, then <see cref="Rows"/> yields each record with its score. Blank lines are
/// skipped; a bad field fails naming its column and line. Shared by batch prediction and by evaluation on new
/// labelled data.
/// </summary>
public sealed class ScoredCsv : IDisposable
{
    private readonly StreamReader _input;
    private readonly CsvRecordReader _reader;
    private readonly InputRows _inputs;
    private readonly IRowScorer _scorer;
    private CsvRecord? _firstRow; // a file without a header line starts with a row

    public ScoredCsv(ScoringModel model, string inputPath)
    {
        if (!File.Exists(inputPath)) throw new InputException("no such input file", inputPath);
        Dialect = model.Spec.Dialect;
        _input = new StreamReader(inputPath, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            _reader = CsvRecordReader.For(_input, inputPath, Dialect);
            var first = _reader.Read() ?? throw new InputException(Dialect.HasHeader ? "the input is empty; it needs a header row" : "the input is empty", inputPath, 1);
            if (Dialect.HasHeader) Header = first.Fields;
            else
            {
                Header = [.. CsvDialect.HeaderlessNames(first.Fields.Length)];
                _firstRow = first;
            }
            _inputs = new InputRows(model.Spec.Inputs, Header, inputPath, Dialect);
            _scorer = model.NewScorer();
        }
        catch
        {
            _input.Dispose();
            throw;
        }
    }

    /// <summary>The column names: the header line, or DuckDB's column0, column1, … for a file without one.</summary>
    public string[] Header { get; }

    public CsvDialect Dialect { get; }

    public IEnumerable<(CsvRecord Record, ScoredRow Row)> Rows()
    {
        var records = _firstRow is { } first ? _reader.Records().Prepend(first) : _reader.Records();
        _firstRow = null;
        foreach (var record in records)
        {
            if (record.Fields is [""]) continue; // a blank line
            _inputs.Fill(record, _scorer);
            yield return (record, _scorer.Score());
        }
    }

    public void Dispose() => _input.Dispose();
}
