using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;

namespace Flywheel.Serving;

/// <summary>
/// Collects rows to score against the model's input columns: checks the header names every column the model
/// needs, reads missing values and numbers as the training file was read (its <see cref="CsvDialect"/>: missing
/// tokens, decimal separator; an error names the column and line), and hands out batches as a
/// <see cref="ColumnTable"/>. Extra columns are carried through untouched.
/// </summary>
public sealed class InputRows
{
    private readonly IReadOnlyList<ServingInputColumn> _inputs;
    private readonly CsvDialect _dialect;
    private readonly int[] _indexOf;
    private readonly string _file;
    private readonly List<string?>[] _values;

    public InputRows(IReadOnlyList<ServingInputColumn> inputs, IReadOnlyList<string> header, string file, CsvDialect dialect)
    {
        _inputs = inputs;
        _dialect = dialect;
        _file = file;
        var positions = header.Select((name, index) => (name: name.Trim(), index))
            .GroupBy(pair => pair.name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().index, StringComparer.Ordinal);
        var missing = inputs.Where(input => !positions.ContainsKey(input.Name)).Select(input => $"'{input.Name}'").ToList();
        if (missing.Count > 0)
            throw new InputException($"the input lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} that the model needs; the model reads: {string.Join(", ", inputs.Select(i => i.Name))}", file, 1);
        _indexOf = inputs.Select(input => positions[input.Name]).ToArray();
        _values = inputs.Select(_ => new List<string?>()).ToArray();
    }

    public int Count => _values.Length == 0 ? 0 : _values[0].Count;

    /// <summary>Adds one record; a numeric column holding something other than a number fails naming column and line.</summary>
    public void Add(CsvRecord record)
    {
        for (var i = 0; i < _inputs.Count; i++)
        {
            var text = Field(record, i, out _);
            _values[i].Add(text);
        }
    }

    /// <summary>Checks one record as <see cref="Add"/> does and hands its values straight to a scorer, collecting nothing.</summary>
    internal void Fill(CsvRecord record, IRowScorer scorer)
    {
        for (var i = 0; i < _inputs.Count; i++)
        {
            var text = Field(record, i, out var number);
            if (_inputs[i].Numeric) scorer.SetNumber(i, number);
            else scorer.SetText(i, text);
        }
    }

    // The i-th input's text (null when missing) and, for a numeric input, its value (NaN when missing).
    private string? Field(CsvRecord record, int i, out double number)
    {
        var index = _indexOf[i];
        if (index >= record.Fields.Length)
            throw new InputException($"the row has {record.Fields.Length} fields but column '{_inputs[i].Name}' is field {index + 1}", _file, record.Line);
        var text = record.Fields[index];
        number = double.NaN;
        if (_dialect.IsMissing(text)) return null;
        if (_inputs[i].Numeric && !_dialect.TryNumber(text, out number))
            throw new InputException($"column '{_inputs[i].Name}' must be a number{(_dialect.Decimal == "," ? " with a decimal comma" : "")}, not '{text}'; the model reads as missing: {MissingText()}", _file, record.Line);
        return text;
    }

    /// <summary>The rows collected so far as a table, and a fresh start for the next batch.</summary>
    public ColumnTable TakeBatch()
    {
        var columns = _inputs.Select((input, i) => input.Numeric
            ? TableColumn.Numeric(input.Name, _values[i].Select(text => text is not null && _dialect.TryNumber(text, out var value) ? value : double.NaN).ToArray())
            : TableColumn.Text(input.Name, ColumnKind.Categorical, _values[i].ToArray())).ToList();
        foreach (var list in _values) list.Clear();
        return new ColumnTable(columns, _file);
    }

    private string MissingText() => string.Join(", ", _dialect.Missing.Select(token => token.Length == 0 ? "an empty field" : $"'{token}'"));
}
