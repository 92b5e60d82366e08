using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flywheel.Operate.Monitoring;

/// <summary>
/// How a <see cref="MonitoringReport"/> is written as JSON, by every host (CLI <c>--json</c>, the server, the report's
/// JSON for the UI) and how runs, alerts and growth are stored and served: camelCase names, nulls kept (<c>pValue: null</c>
/// is part of the contract), dictionary keys as they are (metric and feature names), ±∞ and NaN as null, Japanese readable.
/// </summary>
public static class MonitoringJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static MonitoringReport Report(string json) =>
        JsonSerializer.Deserialize<MonitoringReport>(json, Options) ?? throw new InvalidDataException("a stored monitoring report is empty");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = true,
            Converters = { new FiniteOrNull(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A double that is not finite is written as null (and null reads back as NaN).</summary>
    private sealed class FiniteOrNull : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
