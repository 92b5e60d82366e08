using System.Text;

namespace Flywheel.Serving;

/// <summary>
/// A CSV read through a model one record at a time: the header is checked against the model's inputs when opened,
/// then <see cref="Rows"/> yields each record with its score. Blank lines are skipped; a bad field fails naming its
/// column and line. Shared by batch prediction and by evaluation on new labelled data.
/// </summary>
public sealed class ScoredCsv : IDisposable
{
    private readonly StreamReader _input;
    private readonly CsvRecordReader _reader;
    private readonly InputRows _inputs;
    private readonly IRowScorer _scorer;

    public ScoredCsv(ScoringModel model, string inputPath)
    {
        if (!File.Exists(inputPath)) throw new InputException("no such input file", inputPath);
        _input = new StreamReader(inputPath, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            _reader = new CsvRecordReader(_input, inputPath);
            Header = (_reader.Read() ?? throw new InputException("the input is empty; it needs a header row", inputPath, 1)).Fields;
            _inputs = new InputRows(model.Spec.Inputs, Header, inputPath);
            _scorer = model.NewScorer();
        }
        catch
        {
            _input.Dispose();
            throw;
        }
    }

    public string[] Header { get; }

    public IEnumerable<(CsvRecord Record, ScoredRow Row)> Rows()
    {
        foreach (var record in _reader.Records())
        {
            if (record.Fields is [""]) continue; // a blank line
            _inputs.Fill(record, _scorer);
            yield return (record, _scorer.Score());
        }
    }

    public void Dispose() => _input.Dispose();
}
