using System.Text.Json.Serialization;

namespace Flywheel.Data.Readiness;

/// <summary>The three levels of data readiness of the ML Enablement Workshop.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadinessLevel>))]
public enum ReadinessLevel
{
    /// <summary>Raw and unlabeled: there is data, but no target to learn.</summary>
    [JsonStringEnumMemberName("raw_unlabeled")] RawUnlabeled = 1,
    /// <summary>Labeled, but the labels are partial or the data is scattered or undocumented.</summary>
    [JsonStringEnumMemberName("labeled_partial")] LabeledPartial = 2,
    /// <summary>Labeled, complete and documented: ready to train.</summary>
    [JsonStringEnumMemberName("ready")] Ready = 3,
}

/// <summary>One fact behind the level, and whether the data showed it or the team declared it.</summary>
public sealed record ReadinessFact(string Fact, string Value, string Source);

public sealed record ReadinessAssessment(
    ReadinessLevel Level,
    int Number,
    string Description,
    IReadOnlyList<ReadinessFact> Facts,
    IReadOnlyList<string> Undeclared,
    IReadOnlyList<string> NextSteps);
