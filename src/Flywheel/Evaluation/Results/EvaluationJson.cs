using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flywheel.Evaluation.Results;

/// <summary>The one way evaluation results are written as JSON.</summary>
public static class EvaluationJson
{
    /// <summary>
    /// camelCase names, nulls kept (an undefined metric shows as null beside its note), and the non-finite numbers
    /// that curves legitimately hold (the ROC curve's first threshold +∞, NaN rates for an absent class) written as
    /// the strings "Infinity" / "NaN".
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
