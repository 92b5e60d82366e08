using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flywheel.Data.Preprocessing;

/// <summary>JSON for plans and fitted plans (camelCase, enums as camelCase strings, nulls left out).</summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public static string Serialize(PreprocessingPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static string Serialize(FittedPlan plan) => JsonSerializer.Serialize(plan, Options);

    public static PreprocessingPlan DeserializePlan(string json, string? file = null) => Read<PreprocessingPlan>(json, file);

    public static FittedPlan DeserializeFitted(string json, string? file = null) => Read<FittedPlan>(json, file);

    private static T Read<T>(string json, string? file)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InputException($"expected a {typeof(T).Name} as JSON, found null", file);
        }
        catch (JsonException error)
        {
            throw new InputException($"not a valid {typeof(T).Name}: {error.Message}", file, (int?)(error.LineNumber + 1), (int?)(error.BytePositionInLine + 1), error);
        }
    }
}
