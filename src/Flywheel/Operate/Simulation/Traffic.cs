using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flywheel.Data.Preprocessing;

namespace Flywheel.Operate.Simulation;

/// <summary>One simulated request: a row of the training data as a JSON body, the label kept aside as its outcome, and when that label arrives (null: never).</summary>
public sealed record SimulatedRequest(int Day, string InferenceId, string EventId, DateTimeOffset Time, string Body, string Outcome, DateTimeOffset? LabelDue);

/// <summary>One simulated day's requests in time order, how far the drifts had grown, and each drifted feature's mean (numbers) or level share (categories) as sent.</summary>
public sealed record SimulatedDay(int Day, DateTimeOffset From, DateTimeOffset To, double Intensity, IReadOnlyList<SimulatedRequest> Requests,
    IReadOnlyDictionary<string, double> DriftedValues);

/// <summary>
/// Draws the simulated traffic from a use case's own data, day by day: a seeded bootstrap of the rows that have a label
/// (the label column removed from the request body, <c>{"instances":[{column: value, …}]}</c>, and kept as the
/// outcome), request times drawn uniformly within each day, the drifts applied at the day's intensity, and exactly
/// <see cref="SimulationSettings.LabelledPerDay"/> requests a day chosen to get their label
/// <see cref="SimulationSettings.LabelDelay"/> after the request. Each of rows, times, labels, drifts and ids has its
/// own random stream, so the same seed draws the same rows with or without a drift; the ids also depend on
/// <see cref="SimulationSettings.Until"/>, so a later run into the same store does not reuse them.
/// </summary>
public sealed class Traffic
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SimulationSettings _settings;
    private readonly IReadOnlyList<TableColumn> _features;
    private readonly TableColumn _label;
    private readonly int[] _pool;
    private readonly Random _rows, _times, _labels, _drifts, _ids;

    /// <param name="table">The use case's data as training read it.</param>
    /// <param name="target">The label column.</param>
    public Traffic(ColumnTable table, string target, SimulationSettings settings)
    {
        _settings = settings;
        _label = table.Get(target, "'data.target'");
        _features = table.Columns.Where(c => !string.Equals(c.Name, target, StringComparison.Ordinal)).ToList();
        _pool = Enumerable.Range(0, table.RowCount).Where(r => !_label.IsMissing(r)).ToArray();
        if (_pool.Length == 0) throw new InputException($"the data has no row with a label in '{target}' to draw requests from", table.File);
        var seed = settings.Seed;
        _rows = new Random(Stream(seed, 1));
        _times = new Random(Stream(seed, 2));
        _labels = new Random(Stream(seed, 3));
        _drifts = new Random(Stream(seed, 4));
        _ids = new Random(Stream(seed, 5) ^ (int)(settings.Until.ToUnixTimeSeconds() % int.MaxValue));
    }

    /// <summary>The features a request carries, in the data's order (the label excluded).</summary>
    public IReadOnlyList<TableColumn> Features => _features;

    /// <summary>The days, oldest first; each is drawn when enumerated (enumerate once).</summary>
    public IEnumerable<SimulatedDay> Days()
    {
        for (var day = 1; day <= _settings.Days; day++) yield return Day(day);
    }

    private SimulatedDay Day(int day)
    {
        var n = _settings.PerDay;
        var from = _settings.DayStart(day);
        var to = from + TimeSpan.FromDays(1);
        var intensity = _settings.Intensity(day);
        var rows = new int[n];
        for (var i = 0; i < n; i++) rows[i] = _pool[_rows.Next(_pool.Length)];
        var offsets = new long[n];
        for (var i = 0; i < n; i++) offsets[i] = _times.NextInt64(TimeSpan.TicksPerDay);
        Array.Sort(offsets);
        var labelled = new bool[n];
        foreach (var i in Choose(n, _settings.LabelledPerDay, _labels)) labelled[i] = true;
        var levels = _settings.Drifts.Where(d => d.Kind == DriftKind.Share).ToDictionary(d => d.Feature, d => Levels(d, rows, intensity), StringComparer.Ordinal);

        var requests = new SimulatedRequest[n];
        var sums = _settings.Drifts.ToDictionary(d => d.Feature, _ => (Sum: 0.0, Count: 0), StringComparer.Ordinal);
        var body = new ArrayBufferWriter<byte>(1024);
        for (var i = 0; i < n; i++)
        {
            body.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(body, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteStartArray("instances");
                json.WriteStartObject();
                foreach (var column in _features) WriteValue(json, column, rows[i], i, intensity, levels, sums);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            var time = from + TimeSpan.FromTicks(offsets[i]);
            requests[i] = new SimulatedRequest(day, NewId(), NewId(), time, Encoding.UTF8.GetString(body.WrittenSpan), _label.String(rows[i])!,
                labelled[i] ? time + _settings.LabelDelay : null);
        }
        var drifted = sums.ToDictionary(pair => pair.Key, pair => pair.Value.Count == 0 ? double.NaN : pair.Value.Sum / pair.Value.Count, StringComparer.Ordinal);
        return new SimulatedDay(day, from, to, intensity, requests, drifted);
    }

    private void WriteValue(Utf8JsonWriter json, TableColumn column, int row, int request, double intensity,
        Dictionary<string, string?[]> levels, Dictionary<string, (double Sum, int Count)> sums)
    {
        var drift = _settings.Drifts.FirstOrDefault(d => string.Equals(d.Feature, column.Name, StringComparison.Ordinal));
        if (column.IsNumeric)
        {
            var value = column.Number(row);
            if (drift is not null && !double.IsNaN(value))
            {
                value = drift.Apply(value, intensity);
                var (sum, count) = sums[column.Name];
                sums[column.Name] = (sum + value, count + 1);
            }
            if (double.IsNaN(value)) json.WriteNull(column.Name);
            else json.WriteNumber(column.Name, value);
            return;
        }
        var text = drift is not null ? levels[column.Name][request] : column.String(row);
        if (drift is not null)
        {
            var (sum, count) = sums[column.Name];
            sums[column.Name] = (sum + (string.Equals(text, drift.Level, StringComparison.Ordinal) ? 1 : 0), count + 1);
        }
        if (text is null) json.WriteNull(column.Name);
        else json.WriteString(column.Name, text);
    }

    // The day's values of a share drift's feature: as drawn, then just enough rows moved to or from the level that
    // its share is the drift's (rounded to a whole row); a row leaving the level takes the value of a random other row.
    private string?[] Levels(DriftSpec drift, int[] rows, double intensity)
    {
        var column = _features.First(c => string.Equals(c.Name, drift.Feature, StringComparison.Ordinal));
        var values = rows.Select(column.String).ToArray();
        var at = Enumerable.Range(0, values.Length).Where(i => string.Equals(values[i], drift.Level, StringComparison.Ordinal)).ToList();
        var others = Enumerable.Range(0, values.Length).Where(i => !string.Equals(values[i], drift.Level, StringComparison.Ordinal)).ToList();
        var wanted = (int)Math.Round(values.Length * drift.ShareAt((double)at.Count / values.Length, intensity), MidpointRounding.AwayFromZero);
        if (wanted > at.Count)
        {
            foreach (var i in Choose(others.Count, wanted - at.Count, _drifts)) values[others[i]] = drift.Level;
        }
        else if (wanted < at.Count && _pool.Any(r => column.String(r) is { } v && !string.Equals(v, drift.Level, StringComparison.Ordinal)))
        {
            var donors = _pool.Where(r => column.String(r) is { } v && !string.Equals(v, drift.Level, StringComparison.Ordinal)).ToArray();
            foreach (var i in Choose(at.Count, at.Count - wanted, _drifts)) values[at[i]] = column.String(donors[_drifts.Next(donors.Length)]);
        }
        return values;
    }

    // k distinct positions of 0..n-1, by a partial Fisher–Yates shuffle.
    private static IEnumerable<int> Choose(int n, int k, Random random)
    {
        var positions = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < Math.Min(k, n); i++)
        {
            var j = i + random.Next(n - i);
            (positions[i], positions[j]) = (positions[j], positions[i]);
            yield return positions[i];
        }
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }

    private static int Stream(int seed, int stream) => unchecked(seed * 1_000_003 + stream * 7_919);
}
