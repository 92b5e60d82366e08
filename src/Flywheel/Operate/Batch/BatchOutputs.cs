using System.Globalization;
using System.Text;
using System.Text.Json;
using Flywheel.Serving;

namespace Flywheel.Operate.Batch;

/// <summary>Writes scored records to a transform's output, one line per record, in the order given.</summary>
internal interface IBatchOutput : IDisposable
{
    void Write(string[] fields, ScoredRow row);
}

/// <summary>
/// CSV as <see cref="CsvPredictor"/> writes it (header, then the input fields when joined, then score, label, decision,
/// suggested_label and p_&lt;class&gt;): joined, the two outputs are the same bytes.
/// </summary>
internal sealed class CsvBatchOutput : IBatchOutput
{
    private readonly StreamWriter _writer;
    private readonly bool _join;
    private readonly StringBuilder _line = new();

    public CsvBatchOutput(Stream stream, string[] header, IReadOnlyList<string> added, bool join)
    {
        _writer = new StreamWriter(stream, BatchTransform.Utf8, 1 << 16, leaveOpen: true);
        _join = join;
        _writer.Write(string.Join(",", (join ? header.Concat(added) : added).Select(CsvRecordReader.Escape)));
        _writer.Write('\n');
    }

    public void Write(string[] fields, ScoredRow row)
    {
        _line.Clear();
        if (_join)
            foreach (var field in fields) _line.Append(CsvRecordReader.Escape(field)).Append(',');
        _line.Append(row.Score.ToString("R", CultureInfo.InvariantCulture))
            .Append(',').Append(CsvRecordReader.Escape(row.Label ?? ""))
            .Append(',').Append(row.Decision == DecisionRoute.Review ? CsvPredictor.ReviewDecision : CsvPredictor.AutomaticDecision)
            .Append(',').Append(CsvRecordReader.Escape(row.SuggestedLabel));
        foreach (var probability in row.ClassProbabilities ?? [])
            _line.Append(',').Append(probability.ToString("R", CultureInfo.InvariantCulture));
        _line.Append('\n');
        _writer.Write(_line);
    }

    public void Dispose() => _writer.Dispose();
}

/// <summary>
/// One JSON object per line with the same names as the CSV columns: the input fields (text, when joined), then
/// <c>score</c> (number), <c>label</c> (null when a person decides), <c>decision</c>, <c>suggested_label</c> and the
/// class probabilities (numbers).
/// </summary>
internal sealed class JsonLinesBatchOutput(Stream stream, string[] header, IReadOnlyList<string> added, bool join) : IBatchOutput
{
    private readonly Utf8JsonWriter _json = new(stream, new JsonWriterOptions { Indented = false, SkipValidation = false });
    private readonly JsonEncodedText[] _header = header.Select(name => JsonEncodedText.Encode(name)).ToArray();
    private readonly JsonEncodedText[] _probabilities = added.Skip(4).Select(name => JsonEncodedText.Encode(name)).ToArray();

    public void Write(string[] fields, ScoredRow row)
    {
        _json.WriteStartObject();
        if (join)
            for (var i = 0; i < _header.Length; i++) _json.WriteString(_header[i], i < fields.Length ? fields[i] : "");
        if (double.IsFinite(row.Score)) _json.WriteNumber("score", row.Score);
        else _json.WriteNull("score");
        if (row.Label is { } label) _json.WriteString("label", label);
        else _json.WriteNull("label");
        _json.WriteString("decision", row.Decision == DecisionRoute.Review ? CsvPredictor.ReviewDecision : CsvPredictor.AutomaticDecision);
        _json.WriteString("suggested_label", row.SuggestedLabel);
        var probabilities = row.ClassProbabilities ?? [];
        for (var i = 0; i < probabilities.Count && i < _probabilities.Length; i++)
        {
            if (double.IsFinite(probabilities[i])) _json.WriteNumber(_probabilities[i], probabilities[i]);
            else _json.WriteNull(_probabilities[i]);
        }
        _json.WriteEndObject();
        _json.Flush();
        stream.WriteByte((byte)'\n');
        _json.Reset();
    }

    public void Dispose() => _json.Dispose();
}
