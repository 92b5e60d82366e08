using Flywheel.UseCases;

namespace Flywheel.Data.Diagnosis;

/// <summary>Threshold overrides by rule id (e.g. "missing" → 0.3) and the readiness facts the team declared.</summary>
public sealed record DiagnosisOptions(IReadOnlyDictionary<string, double> Thresholds, DeclaredDataFacts? Declared)
{
    public static DiagnosisOptions Default { get; } = new(new Dictionary<string, double>(), null);

    /// <summary>Options from a use case's data section: its missing_threshold and declared facts.</summary>
    public static DiagnosisOptions From(DataSection? data)
    {
        var thresholds = new Dictionary<string, double>();
        if (data?.MissingThreshold is { } missing) thresholds["missing"] = missing;
        return new DiagnosisOptions(thresholds, data?.Declared);
    }

    public double ThresholdFor(DiagnosisRule rule) => Thresholds.TryGetValue(rule.Id, out var value) ? value : rule.DefaultThreshold;
}
