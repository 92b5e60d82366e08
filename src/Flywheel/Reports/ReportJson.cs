using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flywheel.Reports;

/// <summary>
/// The JSON form of a <see cref="ReportDocument"/>, for the web UI: camelCase property names, enums as snake_case
/// names, blocks and charts tagged with <c>"type"</c>, Japanese kept readable. Stable: renaming a property is a
/// breaking change for every reader of report JSON.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(ReportDocument document) => JsonSerializer.Serialize(document, Options);

    public static ReportDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<ReportDocument>(json, Options) ?? throw new JsonException("the report JSON is empty");
}
