using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flywheel.Serving;

/// <summary>A raw input column the model reads: numeric (read as a number; empty = missing) or text.</summary>
public sealed record ServingInputColumn(string Name, bool Numeric);

/// <summary>
/// What serving needs besides the ML.NET model: the task, the input columns, how labels map to class names and
/// back to target units, and the decision rule chosen on validation (threshold and optional review band).
/// Stored as <c>serving.json</c> beside <c>model.zip</c> in a model package.
/// </summary>
public sealed record ServingSpec(
    string Task,
    string Target,
    IReadOnlyList<ServingInputColumn> Inputs,
    IReadOnlyList<string> Classes,
    string? Positive,
    bool LogTarget,
    double? Threshold,
    double? ReviewLower,
    double? ReviewUpper)
{
    public const string FileName = "serving.json";
    public const string ModelFileName = "model.zip";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ServingSpec FromJson(string json, string file)
    {
        try
        {
            return JsonSerializer.Deserialize<ServingSpec>(json, Json) ?? throw new InputException("the serving description is empty", file);
        }
        catch (JsonException error)
        {
            throw new InputException($"the serving description is not valid: {error.Message}", file, (int?)(error.LineNumber + 1));
        }
    }
}
