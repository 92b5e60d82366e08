using System.Text.Json.Serialization;

namespace Flywheel.Data.Diagnosis;

[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>The people a finding should go to: whoever can say what the data means or fix how it is collected.</summary>
public static class AskRoles
{
    public const string DomainExpert = "domain expert";
    public const string DataAnalyst = "data analyst";
    public const string DataEngineer = "data engineer";
    public const string DataScientist = "data scientist";
    public const string ProductManager = "product manager";
    public const string ModelRiskManager = "model risk manager";
}

/// <summary>
/// Something in the data worth a conversation: what (<see cref="Kind"/>, <see cref="Message"/>), how sure
/// (<see cref="Evidence"/> — the figures behind it), how bad, what to do and whom to ask.
/// </summary>
public sealed record Finding(
    string Kind,
    Severity Severity,
    IReadOnlyList<string> Columns,
    IReadOnlyDictionary<string, object?> Evidence,
    string Message,
    string Action,
    string AskRole);
