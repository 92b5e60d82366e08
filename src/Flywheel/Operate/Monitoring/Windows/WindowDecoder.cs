using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Serving;

namespace Flywheel.Operate.Monitoring.Windows;

/// <summary>
/// Decodes captured requests and responses into <see cref="WindowRows"/>. The request shapes are the server's
/// (<see cref="RequestDecoder"/>): headerless CSV in schema order (or with a header naming every input), JSON
/// <c>instances</c> / <c>records</c> / a list of records or value lists, JSON Lines; other JSON shapes go through
/// <see cref="RequestDecoder"/> itself. Unlike the server it does not refuse a request: a value of the wrong type is
/// counted and read as missing, a record lacking a field or carrying an unknown one is counted, and a request that
/// does not parse at all is counted with its error. Responses give score, predicted label and decision per row.
/// </summary>
public sealed class WindowDecoder
{
    private readonly ServingSpec _spec;
    private readonly char _separator;
    private readonly int _inputs;
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlySet<string> _keep;
    private readonly Growing<double>?[] _numbers;
    private readonly Growing<string?>?[] _texts;
    private readonly TextPool?[] _pools;
    private readonly Dictionary<string, Growing<string?>> _extras = new(StringComparer.Ordinal);
    private readonly Growing<int> _request = new();
    private readonly Growing<double> _scores = new();
    private readonly Growing<string?> _predicted = new();
    private readonly Growing<bool> _reviewed = new();
    private readonly List<WindowRequest> _requests = [];
    private readonly long[] _typeErrors, _missing, _absent;
    private readonly Dictionary<string, long> _extraFields = new(StringComparer.Ordinal);
    private long _recordRows, _unparsed;
    private string? _firstError;

    /// <param name="keep">Fields outside the schema whose values are kept (the facet columns).</param>
    public WindowDecoder(ServingSpec spec, IReadOnlySet<string>? keep = null) : this(spec, keep, null)
    {
    }

    // A batch's decoder shares the window's text pools, so a category value is one string in the whole window.
    private WindowDecoder(ServingSpec spec, IReadOnlySet<string>? keep, TextPool?[]? pools)
    {
        _spec = spec;
        _separator = spec.Dialect.Decimal == "," ? ',' : '.';
        _inputs = spec.Inputs.Count;
        _index = spec.Inputs.Select((input, i) => (input.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _keep = keep ?? new HashSet<string>();
        _numbers = spec.Inputs.Select(input => input.Numeric ? new Growing<double>() : null).ToArray();
        _texts = spec.Inputs.Select(input => input.Numeric ? null : new Growing<string?>()).ToArray();
        _pools = pools ?? spec.Inputs.Select(input => input.Numeric ? null : new TextPool()).ToArray();
        foreach (var name in _keep.Where(name => !_index.ContainsKey(name))) _extras[name] = new Growing<string?>();
        (_typeErrors, _missing, _absent) = (new long[_inputs], new long[_inputs], new long[_inputs]);
    }

    /// <summary>Records one worker decodes at a time (a few hundred kilobytes of request and response text).</summary>
    private const int BatchRecords = 64;

    /// <summary>
    /// Decodes <paramref name="records"/> on every core: one thread enumerates them (DuckDB parsing the JSON Lines,
    /// the records' text crossing into .NET) in batches, the others decode the batches, each into its own decoder,
    /// and the batches' rows join the window in the records' order. An error of the reader or a worker is rethrown here.
    /// </summary>
    public static WindowRows Decode(ServingSpec spec, IEnumerable<CapturedRecord> records, IReadOnlySet<string>? keep = null, CancellationToken cancellation = default)
    {
        var window = new WindowDecoder(spec, keep);
        var spare = new ConcurrentBag<WindowDecoder>();
        var joined = new InOrder(window, spare);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var batches = new BlockingCollection<(int Index, List<CapturedRecord> Records)>(2 * Environment.ProcessorCount);
        var tasks = new List<Task>
        {
            Task.Run(() => Stopping(stop, () =>
            {
                try
                {
                    var (index, batch) = (0, new List<CapturedRecord>(BatchRecords));
                    foreach (var record in records)
                    {
                        batch.Add(record);
                        if (batch.Count < BatchRecords) continue;
                        batches.Add((index++, batch), stop.Token);
                        batch = new List<CapturedRecord>(BatchRecords);
                    }
                    if (batch.Count > 0) batches.Add((index, batch), stop.Token);
                }
                finally
                {
                    batches.CompleteAdding();
                }
            }), CancellationToken.None),
        };
        for (var worker = 0; worker < Environment.ProcessorCount; worker++)
            tasks.Add(Task.Run(() => Stopping(stop, () =>
            {
                foreach (var (index, batch) in batches.GetConsumingEnumerable(stop.Token))
                {
                    var part = spare.TryTake(out var used) ? used : new WindowDecoder(spec, keep, window._pools);
                    foreach (var record in batch) part.Add(record);
                    joined.Done(index, part);
                }
            }), CancellationToken.None));
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            cancellation.ThrowIfCancellationRequested();
            var error = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).First(e => e is not OperationCanceledException);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
        return window.Build();
    }

    // The first failure stops the others, so every task ends before the queue is disposed.
    private static void Stopping(CancellationTokenSource stop, Action work)
    {
        try
        {
            work();
        }
        catch
        {
            stop.Cancel();
            throw;
        }
    }

    /// <summary>
    /// Appends finished batches to the window in their order, whichever worker finishes first, and hands each
    /// appended batch's decoder back emptied, its columns' chunks kept: a batch's columns are megabytes, a window's
    /// batches hundreds, and allocating them anew for each batch was garbage the collector had to keep up with.
    /// </summary>
    private sealed class InOrder(WindowDecoder window, ConcurrentBag<WindowDecoder> spare)
    {
        private readonly Dictionary<int, WindowDecoder> _waiting = [];
        private int _next;

        public void Done(int index, WindowDecoder part)
        {
            lock (_waiting)
            {
                _waiting[index] = part;
                while (_waiting.Remove(_next, out var ready))
                {
                    window.Append(ready);
                    ready.Clear();
                    spare.Add(ready);
                    _next++;
                }
            }
        }
    }

    private void Append(WindowDecoder part)
    {
        var offset = _requests.Count;
        _requests.AddRange(part._requests);
        for (var i = 0; i < _inputs; i++)
        {
            _numbers[i]?.AddRange(part._numbers[i]!);
            _texts[i]?.AddRange(part._texts[i]!);
            _typeErrors[i] += part._typeErrors[i];
            _missing[i] += part._missing[i];
            _absent[i] += part._absent[i];
        }
        foreach (var (name, values) in _extras) values.AddRange(part._extras[name]);
        for (var row = 0; row < part._request.Count; row++) _request.Add(part._request[row] + offset);
        _scores.AddRange(part._scores);
        _predicted.AddRange(part._predicted);
        _reviewed.AddRange(part._reviewed);
        foreach (var (name, count) in part._extraFields) _extraFields[name] = _extraFields.GetValueOrDefault(name) + count;
        _recordRows += part._recordRows;
        _unparsed += part._unparsed;
        _firstError ??= part._firstError;
    }

    private void Clear()
    {
        _requests.Clear();
        Truncate(0);
        _scores.Truncate(0);
        _predicted.Truncate(0);
        _reviewed.Truncate(0);
        Array.Clear(_typeErrors);
        Array.Clear(_missing);
        Array.Clear(_absent);
        _extraFields.Clear();
        (_recordRows, _unparsed, _firstError) = (0, 0, null);
    }

    public void Add(CapturedRecord record)
    {
        var requestIndex = _requests.Count;
        _requests.Add(new WindowRequest(record.InferenceId, record.Time, record.ModelVersion, record.GroundTruth));
        var before = _request.Count;
        try
        {
            var body = Text(record.InputData, record.InputEncoding);
            if (IsCsv(record.InputEncoding, body)) Csv(body, requestIndex);
            else Json(body, requestIndex);
        }
        catch (Exception error) when (error is JsonException or InputException or RequestException or FormatException)
        {
            Truncate(before);
            _unparsed++;
            _firstError ??= $"request {record.InferenceId}: {error.Message}";
            return;
        }
        ResponseReader.Read(_spec, Text(record.OutputData, record.OutputEncoding), record.OutputEncoding, _request.Count - before, _scores, _predicted, _reviewed);
    }

    /// <summary>The window; the decoder is empty afterwards (each column is copied once into its array and let go).</summary>
    public WindowRows Build() => new(
        _spec,
        _numbers.Select(n => n?.TakeArray()).ToArray(),
        _texts.Select(t => t?.TakeArray()).ToArray(),
        _request.TakeArray(), _scores.TakeArray(), _predicted.TakeArray(), _reviewed.TakeArray(), _requests,
        _extras.ToDictionary(e => e.Key, e => e.Value.TakeArray(), StringComparer.Ordinal),
        new WindowEvidence(_typeErrors, _missing, _absent, _extraFields, _recordRows, _unparsed, _requests.Count, _firstError));

    private void Csv(string body, int requestIndex)
    {
        if (PlainCsv(body, requestIndex)) return;
        var records = CsvRecordReader.For(new StringReader(body), "the request", _spec.Dialect with { HasHeader = false }, body.Length + 1);
        int[]? positions = null;
        var first = true;
        foreach (var record in records.Records())
        {
            if (record.Fields is [""]) continue;
            if (first && Header(record.Fields) is { } header)
            {
                positions = header;
                first = false;
                continue;
            }
            first = false;
            var fields = record.Fields;
            for (var i = 0; i < _inputs; i++)
            {
                var at = positions?[i] ?? i;
                if (at < fields.Length) SetText(i, fields[at]);
                else
                {
                    _absent[i]++;
                    Missing(i);
                }
            }
            if (positions is null)
                for (var extra = _inputs; extra < fields.Length; extra++) Extra($"column_{extra + 1}");
            RowDone(requestIndex);
        }
    }

    // Field i of the current line is line[_bounds[2i].._bounds[2i + 1]].
    private int[] _bounds = new int[64];

    /// <summary>
    /// A body without the quote character (what clients send): the records and fields are those
    /// <see cref="CsvRecordReader"/> reads (LF or CRLF lines, a lone CR kept as text, empty lines skipped), read in place
    /// instead of a string per field. False (nothing read) when the body quotes, for the reader to read it.
    /// </summary>
    private bool PlainCsv(string body, int requestIndex)
    {
        var dialect = _spec.Dialect;
        if (dialect.Quote is [var quote] && body.Contains(quote)) return false;
        var delimiter = dialect.Delimiter is [var d] ? d : ',';
        int[]? positions = null;
        var first = true;
        var rest = body.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (line is [.., '\r']) line = line[..^1];
            if (line.IsEmpty) continue;
            var count = Split(line, delimiter);
            if (first)
            {
                first = false;
                if (count >= _inputs && Header(Fields(line, count)) is { } header)
                {
                    positions = header;
                    continue;
                }
            }
            for (var i = 0; i < _inputs; i++)
            {
                var at = positions?[i] ?? i;
                if (at < count) SetText(i, line[_bounds[2 * at].._bounds[2 * at + 1]], null);
                else
                {
                    _absent[i]++;
                    Missing(i);
                }
            }
            if (positions is null)
                for (var extra = _inputs; extra < count; extra++) Extra($"column_{extra + 1}");
            RowDone(requestIndex);
        }
        return true;
    }

    private int Split(ReadOnlySpan<char> line, char delimiter)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            if (2 * count + 2 > _bounds.Length) Array.Resize(ref _bounds, _bounds.Length * 2);
            var next = line[start..].IndexOf(delimiter);
            var stop = next < 0 ? line.Length : start + next;
            _bounds[2 * count] = start;
            _bounds[2 * count + 1] = stop;
            count++;
            if (next < 0) return count;
            start = stop + 1;
        }
    }

    private string[] Fields(ReadOnlySpan<char> line, int count)
    {
        var fields = new string[count];
        for (var f = 0; f < count; f++) fields[f] = new string(line[_bounds[2 * f].._bounds[2 * f + 1]]);
        return fields;
    }

    private int[]? Header(string[] fields)
    {
        if (fields.Length < _inputs) return null;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++) names.TryAdd(fields[i].Trim(), i);
        return _spec.Inputs.All(input => names.ContainsKey(input.Name)) ? _spec.Inputs.Select(input => names[input.Name]).ToArray() : null;
    }

    private void Json(string body, int requestIndex)
    {
        var document = JsonBody.ParseOrEachLine(body, line => Item(line, requestIndex));
        if (document is null) return;
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray()) Item(item, requestIndex);
                return;
            }
            if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("instances", out var list) || root.TryGetProperty("records", out list))
                && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray()) Item(item, requestIndex);
                return;
            }
            if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("dataframe_split", out _) && !root.TryGetProperty("dataframe_records", out _)
                && !root.TryGetProperty("inputs", out _) && _spec.Inputs.Any(input => root.TryGetProperty(input.Name, out _)))
            {
                Item(root, requestIndex);
                return;
            }
        }
        // MLflow's shapes: the server's own decoder, strict (a request that fails it is counted as unparsed).
        foreach (var row in RequestDecoder.Decode(_spec, RequestDecoder.Json, body, int.MaxValue).Rows)
        {
            for (var i = 0; i < _inputs; i++)
            {
                if (_numbers[i] is { } numbers)
                {
                    numbers.Add(row.Numbers[i]);
                    if (double.IsNaN(row.Numbers[i])) _missing[i]++;
                }
                else
                {
                    _texts[i]!.Add(row.Texts[i]);
                    if (row.Texts[i] is null) _missing[i]++;
                }
            }
            RowDone(requestIndex);
        }
    }

    private void Item(JsonElement item, int requestIndex)
    {
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array && !_index.ContainsKey("features"))
            item = features;
        if (item.ValueKind == JsonValueKind.Array)
        {
            var length = item.GetArrayLength();
            for (var i = 0; i < _inputs; i++)
            {
                if (i < length) SetJson(i, item[i]);
                else
                {
                    _absent[i]++;
                    Missing(i);
                }
            }
            for (var extra = _inputs; extra < length; extra++) Extra($"column_{extra + 1}");
        }
        else if (item.ValueKind == JsonValueKind.Object)
        {
            _recordRows++;
            Span<bool> seen = _inputs <= 256 ? stackalloc bool[_inputs] : new bool[_inputs];
            foreach (var extra in _extras.Values) extra.Add(null);
            foreach (var property in item.EnumerateObject())
            {
                if (_index.TryGetValue(property.Name, out var i))
                {
                    if (seen[i]) continue;
                    seen[i] = true;
                    SetJson(i, property.Value);
                }
                else
                {
                    if (_extras.TryGetValue(property.Name, out var kept)) kept.Last = Scalar(property.Value);
                    else Extra(property.Name);
                }
            }
            for (var i = 0; i < _inputs; i++)
            {
                if (seen[i]) continue;
                _absent[i]++;
                Missing(i);
            }
            RowDone(requestIndex, extrasAdded: true);
            return;
        }
        else throw new FormatException($"a row is {item.ValueKind.ToString().ToLowerInvariant()}, not a record or a list of values");
        RowDone(requestIndex);
    }

    private void SetJson(int i, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: Missing(i); return;
            case JsonValueKind.String: SetText(i, value.GetString()); return;
            case JsonValueKind.Number when _numbers[i] is { } numbers: numbers.Add(value.GetDouble()); return;
            case JsonValueKind.Number: _texts[i]!.Add(value.GetRawText()); return;
            case JsonValueKind.True or JsonValueKind.False when _texts[i] is { } texts: texts.Add(value.GetBoolean() ? "true" : "false"); return;
            default: TypeError(i); return;
        }
    }

    private void SetText(int i, string? text)
    {
        if (text is null) Missing(i);
        else SetText(i, text.AsSpan(), text);
    }

    /// <param name="string">The field as a string when it already is one (else one is made only for a new category value).</param>
    private void SetText(int i, ReadOnlySpan<char> text, string? @string)
    {
        if (_spec.Dialect.IsMissing(text)) Missing(i);
        else if (_texts[i] is { } texts) texts.Add(Pooled(i, text, @string));
        else if (ShortDecimal.TryParse(text, _separator, out var number) || _spec.Dialect.TryNumber(text, out number)
                 || double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) _numbers[i]!.Add(number);
        else TypeError(i);
    }

    /// <summary>At most this many distinct values of a text input share one string each (a free-text column stops pooling there).</summary>
    private const int PoolLimit = 10_000;

    private string Pooled(int i, ReadOnlySpan<char> text, string? @string) => _pools[i]!.Get(text, @string);

    // Category values repeat: one string per distinct value keeps a million-row window's text columns to their
    // references, instead of a string per row that lives as long as the window. Shared by the batches' decoders.
    private sealed class TextPool
    {
        private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private int _count;

        public TextPool() => _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ReadOnlySpan<char> text, string? @string)
        {
            if (_lookup.TryGetValue(text, out var known)) return known;
            var value = @string ?? new string(text);
            if (Volatile.Read(ref _count) >= PoolLimit) return value;
            var pooled = _values.GetOrAdd(value, value);
            if (ReferenceEquals(pooled, value)) Interlocked.Increment(ref _count);
            return pooled;
        }
    }

    private void Missing(int i)
    {
        _missing[i]++;
        if (_numbers[i] is { } numbers) numbers.Add(double.NaN);
        else _texts[i]!.Add(null);
    }

    private void TypeError(int i)
    {
        _typeErrors[i]++;
        if (_numbers[i] is { } numbers) numbers.Add(double.NaN);
        else _texts[i]!.Add(null);
    }

    private void Extra(string name) => _extraFields[name] = _extraFields.GetValueOrDefault(name) + 1;

    private void RowDone(int requestIndex, bool extrasAdded = false)
    {
        if (!extrasAdded) foreach (var extra in _extras.Values) extra.Add(null);
        _request.Add(requestIndex);
    }

    private void Truncate(int rows)
    {
        foreach (var n in _numbers) n?.Truncate(rows);
        foreach (var t in _texts) t?.Truncate(rows);
        foreach (var e in _extras.Values) e.Truncate(rows);
        _request.Truncate(rows);
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static bool IsCsv(string encoding, string body) => encoding switch
    {
        "CSV" => true,
        "JSON" => false,
        _ => body.TrimStart() is not ['{', ..] and not ['[', ..],
    };

    internal static string Text(string data, string encoding) =>
        string.Equals(encoding, "BASE64", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetString(Convert.FromBase64String(data)) : data;
}
