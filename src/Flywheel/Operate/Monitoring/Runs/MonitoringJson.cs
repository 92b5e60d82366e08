using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flywheel.Operate.Monitoring.Runs;

/// <summary>The one JSON shape of monitoring runs, alerts and growth: camelCase, nulls kept (<c>pValue: null</c> is part of the contract), Japanese readable.</summary>
public static class MonitoringJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static MonitoringReport Report(string json) =>
        JsonSerializer.Deserialize<MonitoringReport>(json, Options) ?? throw new InvalidDataException("a stored monitoring report is empty");
}
