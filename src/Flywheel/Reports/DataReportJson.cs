using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;

namespace Flywheel.Reports;

/// <summary>The JSON shapes of a data profile and a diagnosis (camelCase, enums as names, Japanese kept readable).</summary>
public static class DataReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary><c>{"rows","columns","target","findings":[{"kind","severity","columns","evidence","message","action","askRole"}],"readiness"}</c>.</summary>
    public static string Diagnosis(DiagnosisReport report) => JsonSerializer.Serialize(report, Options);

    public static string Profile(DataProfile profile) => JsonSerializer.Serialize(profile, Options);
}
