using Flywheel.Data.Sources;

namespace Flywheel.Data.Diagnosis;

/// <summary>
/// What a diagnosis rule is — its id, the finding kind it raises, its default threshold and the columns it
/// suits — apart from how it is computed (<see cref="Evaluate"/>, a function of the profile and the threshold).
/// </summary>
/// <param name="Id">Unique name; thresholds are overridden by it.</param>
/// <param name="Kind">The finding kind it raises (several rules may share one, e.g. redundant_pair).</param>
/// <param name="Suits">Column kinds it looks at; empty when it looks at whole rows or the target.</param>
public sealed record DiagnosisRule(
    string Id,
    string Kind,
    string Description,
    double DefaultThreshold,
    IReadOnlyList<ColumnKind> Suits,
    Func<DiagnosisContext, double, IEnumerable<Finding>> Evaluate);
