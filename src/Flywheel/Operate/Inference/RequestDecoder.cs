using System.Globalization;
using System.Text.Json;
using Flywheel.Data.Sources;
using Flywheel.Serving;

namespace Flywheel.Operate.Inference;

/// <summary>
/// Turns a request body into rows in the model's input order, whatever protocol it speaks (see <see cref="RequestShape"/>):
/// CSV in the training file's dialect (a first row naming every input is MLflow's header; otherwise SageMaker's
/// headerless rows in schema order), JSON (MLflow's four keys, SageMaker's <c>instances</c>, a list of records or
/// of value lists) and JSON Lines. Text is read as the training file was (missing tokens, decimal separator); JSON
/// numbers as numbers. Rows are counted from 1 among the data rows; an error names the row and the column.
/// </summary>
public static class RequestDecoder
{
    public const string Csv = "text/csv";
    public const string Json = "application/json";
    public const string JsonLines = "application/jsonlines";

    private static readonly string[] JsonLinesAliases = [JsonLines, "application/jsonl", "application/x-jsonlines"];
    private static readonly string[] MlflowKeys = ["dataframe_split", "dataframe_records", "inputs"];
    private const string Instances = "instances";
    private const string Records = "records"; // the native API's key, read like instances
    private const string Features = "features";

    /// <summary>The content type a request body may have (parameters such as <c>charset</c> or <c>label_size</c> removed, lower case).</summary>
    public static bool Supports(string mediaType) => mediaType is Csv or Json || JsonLinesAliases.Contains(mediaType);

    public static RequestRows Decode(ServingSpec spec, string mediaType, string body, int maxRows)
    {
        var reader = new Reader(spec, maxRows);
        if (mediaType == Csv) return reader.Csv(body);
        if (mediaType == Json) return reader.Json(body);
        if (JsonLinesAliases.Contains(mediaType)) return reader.Lines(body);
        throw new RequestException($"the content type '{mediaType}' is not read; send text/csv, application/json or application/jsonlines", "Content-Type", false);
    }

    private sealed class Reader(ServingSpec spec, int maxRows)
    {
        private readonly IReadOnlyList<ServingInputColumn> _inputs = spec.Inputs;
        private readonly CsvDialect _dialect = spec.Dialect;
        private readonly List<InputRow> _rows = [];
        private bool _mlflow;

        public RequestRows Csv(string body)
        {
            var records = CsvRecordReader.For(new StringReader(body), "the request", _dialect with { HasHeader = false }, body.Length + 1);
            int[]? positions = null;
            try
            {
                foreach (var record in records.Records())
                {
                    if (record.Fields is [""]) continue;
                    if (positions is null && _rows.Count == 0 && HeaderPositions(record.Fields) is { } header)
                    {
                        positions = header;
                        _mlflow = true;
                        continue;
                    }
                    var row = NewRow();
                    if (positions is null && record.Fields.Length != _inputs.Count)
                        throw Error($"row {_rows.Count} has {record.Fields.Length} fields; the model reads {_inputs.Count} columns in this order (no header): {Names()}", $"row {_rows.Count}");
                    for (var i = 0; i < _inputs.Count; i++)
                    {
                        var at = positions?[i] ?? i;
                        if (at >= record.Fields.Length) throw Error($"row {_rows.Count} has {record.Fields.Length} fields, but column '{_inputs[i].Name}' is field {at + 1}", $"row {_rows.Count}");
                        SetText(row, i, record.Fields[at]);
                    }
                }
            }
            catch (InputException error)
            {
                throw Error($"the CSV does not parse: {error.Message}", "body");
            }
            return new RequestRows(_rows, _mlflow ? RequestShape.MlflowCsv : RequestShape.SageMakerCsv);
        }

        public RequestRows Json(string body)
        {
            using var document = Parse(body, "body");
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray()) Item(item);
                return new RequestRows(_rows, RequestShape.SageMakerJson);
            }
            if (root.ValueKind != JsonValueKind.Object) throw Error("the JSON body is neither an object nor a list of records", "body");
            var keys = MlflowKeys.Append(Instances).Append(Records).Where(key => root.TryGetProperty(key, out _)).ToList();
            _mlflow = keys.Any(MlflowKeys.Contains);
            if (keys.Count > 1) throw Error($"the JSON body holds {string.Join(" and ", keys)}; it takes exactly one of dataframe_split, dataframe_records, instances, inputs, records", "body");
            JsonElement? parameters = root.TryGetProperty("params", out var p) ? p.Clone() : null;
            switch (keys.FirstOrDefault())
            {
                case "dataframe_split": Split(root.GetProperty("dataframe_split")); break;
                case "dataframe_records": List(root.GetProperty("dataframe_records"), "dataframe_records"); break;
                case "inputs":
                    var inputs = root.GetProperty("inputs");
                    if (inputs.ValueKind == JsonValueKind.Object) Columnar(inputs);
                    else List(inputs, "inputs");
                    break;
                case Instances or Records: List(root.GetProperty(keys[0]), keys[0]); break;
                default:
                    if (!root.TryGetProperty(Features, out _) && !_inputs.Any(input => root.TryGetProperty(input.Name, out _)))
                        throw Error("the JSON body holds none of dataframe_split, dataframe_records, instances, inputs, and is not a record of the model's columns", "body");
                    Item(root);
                    break;
            }
            return new RequestRows(_rows, _mlflow ? RequestShape.MlflowJson : RequestShape.SageMakerJson, parameters);
        }

        public RequestRows Lines(string body)
        {
            var number = 0;
            foreach (var line in body.Split('\n'))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var document = Parse(line, $"line {number}");
                Item(document.RootElement);
            }
            return new RequestRows(_rows, RequestShape.JsonLines);
        }

        // The header's position of each input when every input is named in the first row, else null (a data row).
        private int[]? HeaderPositions(string[] fields)
        {
            var names = fields.Select((name, index) => (name: name.Trim(), index)).GroupBy(f => f.name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);
            return _inputs.All(input => names.ContainsKey(input.Name)) ? _inputs.Select(input => names[input.Name]).ToArray() : null;
        }

        private void Split(JsonElement split)
        {
            if (split.ValueKind != JsonValueKind.Object || !split.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array
                || !split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                throw Error("dataframe_split needs \"columns\" (a list of names) and \"data\" (a list of rows)", "dataframe_split");
            var names = columns.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : c.GetRawText()).ToList();
            var positions = _inputs.Select(input => names.IndexOf(input.Name)).ToArray();
            if (positions.Select((at, i) => (at, i)).Where(p => p.at < 0).Select(p => $"'{_inputs[p.i].Name}'").ToList() is { Count: > 0 } lacking)
                throw Error($"dataframe_split.columns lacks {string.Join(", ", lacking)}; the model reads: {Names()}", "dataframe_split.columns");
            foreach (var values in data.EnumerateArray())
            {
                var row = NewRow();
                if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != names.Count)
                    throw Error($"row {_rows.Count} of dataframe_split.data is not a list of {names.Count} values (one per column)", $"row {_rows.Count}");
                for (var i = 0; i < _inputs.Count; i++) SetJson(row, i, values[positions[i]]);
            }
        }

        private void Columnar(JsonElement columns)
        {
            var lists = _inputs.Select(input => columns.TryGetProperty(input.Name, out var list) && list.ValueKind == JsonValueKind.Array ? list
                : throw Error($"inputs has no list for column '{input.Name}'; the model reads: {Names()}", $"inputs.{input.Name}")).ToList();
            var count = lists[0].GetArrayLength();
            if (lists.FirstOrDefault(list => list.GetArrayLength() != count) is { ValueKind: JsonValueKind.Array } uneven)
                throw Error($"the column lists in inputs differ in length ({count} and {uneven.GetArrayLength()})", "inputs");
            for (var r = 0; r < count; r++)
            {
                var row = NewRow();
                for (var i = 0; i < _inputs.Count; i++) SetJson(row, i, lists[i][r]);
            }
        }

        private void List(JsonElement list, string field)
        {
            if (list.ValueKind != JsonValueKind.Array) throw Error($"{field} must be a list of records", field);
            foreach (var item in list.EnumerateArray()) Item(item);
        }

        // One record: an object of column → value, {"features": [values…]}, or a list of values in the model's input order.
        private void Item(JsonElement item)
        {
            var row = NewRow();
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(Features, out var features) && features.ValueKind == JsonValueKind.Array
                && !_inputs.Any(input => input.Name == Features))
                item = features;
            if (item.ValueKind == JsonValueKind.Array)
            {
                if (item.GetArrayLength() != _inputs.Count)
                    throw Error($"row {_rows.Count} has {item.GetArrayLength()} values; the model reads {_inputs.Count} in this order: {Names()}", $"row {_rows.Count}");
                for (var i = 0; i < _inputs.Count; i++) SetJson(row, i, item[i]);
                return;
            }
            if (item.ValueKind != JsonValueKind.Object) throw Error($"row {_rows.Count} is {item.ValueKind.ToString().ToLowerInvariant()}, not a record or a list of values", $"row {_rows.Count}");
            for (var i = 0; i < _inputs.Count; i++)
            {
                if (!item.TryGetProperty(_inputs[i].Name, out var value))
                    throw Error($"row {_rows.Count}, column '{_inputs[i].Name}': missing; give every column the model reads (null for a missing value): {Names()}", Where(i));
                SetJson(row, i, value);
            }
        }

        private InputRow NewRow()
        {
            if (_rows.Count >= maxRows)
                throw new RequestException($"the request has more than {maxRows} rows, the limit per request; send larger inputs as a batch transform job", "body", _mlflow, tooLarge: true);
            var row = new InputRow(_inputs.Count);
            _rows.Add(row);
            return row;
        }

        private void SetText(InputRow row, int i, string? text)
        {
            if (text is null || _dialect.IsMissing(text)) return;
            if (!_inputs[i].Numeric) row.Texts[i] = text;
            else if (_dialect.TryNumber(text, out var number) || double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)) row.Numbers[i] = number;
            else throw Error($"{Where(i)}: must be a number, not '{text}'", Where(i));
        }

        private void SetJson(InputRow row, int i, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null or JsonValueKind.Undefined: return;
                case JsonValueKind.String: SetText(row, i, value.GetString()); return;
                case JsonValueKind.Number when _inputs[i].Numeric: row.Numbers[i] = value.GetDouble(); return;
                case JsonValueKind.Number: row.Texts[i] = value.GetRawText(); return;
                case JsonValueKind.True or JsonValueKind.False when !_inputs[i].Numeric: row.Texts[i] = value.GetBoolean() ? "true" : "false"; return;
                case JsonValueKind.True or JsonValueKind.False: throw Error($"{Where(i)}: must be a number, not {value.GetRawText()}", Where(i));
                default: throw Error($"{Where(i)}: must be a single value, not {(value.ValueKind == JsonValueKind.Array ? "a list" : "an object")}", Where(i));
            }
        }

        private string Where(int input) => $"row {_rows.Count}, column '{_inputs[input].Name}'";

        private string Names() => string.Join(", ", _inputs.Select(input => input.Name));

        private JsonDocument Parse(string text, string where)
        {
            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException error)
            {
                throw Error($"{where} is not valid JSON: {error.Message}", where);
            }
        }

        private RequestException Error(string message, string element) => new(message, element, _mlflow);
    }
}
