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
    private readonly int _inputs;
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlySet<string> _keep;
    private readonly Growing<double>?[] _numbers;
    private readonly Growing<string?>?[] _texts;
    private readonly Dictionary<string, string>?[] _pools;
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
    public WindowDecoder(ServingSpec spec, IReadOnlySet<string>? keep = null)
    {
        _spec = spec;
        _inputs = spec.Inputs.Count;
        _index = spec.Inputs.Select((input, i) => (input.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _keep = keep ?? new HashSet<string>();
        _numbers = spec.Inputs.Select(input => input.Numeric ? new Growing<double>() : null).ToArray();
        _texts = spec.Inputs.Select(input => input.Numeric ? null : new Growing<string?>()).ToArray();
        _pools = spec.Inputs.Select(input => input.Numeric ? null : new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        foreach (var name in _keep.Where(name => !_index.ContainsKey(name))) _extras[name] = new Growing<string?>();
        (_typeErrors, _missing, _absent) = (new long[_inputs], new long[_inputs], new long[_inputs]);
    }

    /// <summary>Records the reader may run ahead of the decoder (a few megabytes of request and response text).</summary>
    private const int ReadAhead = 64;

    /// <summary>
    /// Decodes <paramref name="records"/>, enumerated on another thread while this one decodes: reading the capture
    /// (DuckDB parsing the JSON Lines, the records' text crossing into .NET) takes about as long as decoding it, and
    /// the two overlap. The order of the records is kept; an error of the reader is rethrown here.
    /// </summary>
    public static WindowRows Decode(ServingSpec spec, IEnumerable<CapturedRecord> records, IReadOnlySet<string>? keep = null, CancellationToken cancellation = default)
    {
        var decoder = new WindowDecoder(spec, keep);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var queue = new BlockingCollection<CapturedRecord>(ReadAhead);
        var reading = Task.Run(() =>
        {
            try
            {
                foreach (var record in records) queue.Add(record, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var record in queue.GetConsumingEnumerable(cancellation)) decoder.Add(record);
        }
        catch
        {
            stop.Cancel();
            ((IAsyncResult)reading).AsyncWaitHandle.WaitOne(); // the reader ends (cancelled or not) before the queue is disposed
            throw;
        }
        reading.GetAwaiter().GetResult();
        return decoder.Build();
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

    public WindowRows Build() => new(
        _spec,
        _numbers.Select(n => n?.ToArray()).ToArray(),
        _texts.Select(t => t?.ToArray()).ToArray(),
        _request.ToArray(), _scores.ToArray(), _predicted.ToArray(), _reviewed.ToArray(), _requests,
        _extras.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
        new WindowEvidence(_typeErrors, _missing, _absent, _extraFields, _recordRows, _unparsed, _requests.Count, _firstError));

    private void Csv(string body, int requestIndex)
    {
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
        if (text is null || _spec.Dialect.IsMissing(text)) Missing(i);
        else if (_texts[i] is { } texts) texts.Add(Pooled(i, text));
        else if (_spec.Dialect.TryNumber(text, out var number) || double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) _numbers[i]!.Add(number);
        else TypeError(i);
    }

    /// <summary>At most this many distinct values of a text input share one string each (a free-text column stops pooling there).</summary>
    private const int PoolLimit = 10_000;

    // Category values repeat: one string per distinct value keeps a million-row window's text columns to their
    // references, instead of a string per row that lives as long as the window.
    private string Pooled(int i, string text)
    {
        var pool = _pools[i]!;
        if (pool.TryGetValue(text, out var known)) return known;
        if (pool.Count < PoolLimit) pool[text] = text;
        return text;
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
