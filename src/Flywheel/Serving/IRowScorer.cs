namespace Flywheel.Serving;

/// <summary>
/// Scores one row at a time: values are set by input position (the order of <see cref="ServingSpec.Inputs"/>), then
/// <see cref="Score"/> reads them. An ML.NET chain (<see cref="RowScorer"/>) and a rule (<see cref="RuleRowScorer"/>)
/// score through the same calls, so batch prediction, evaluation and the server treat both alike. Not thread-safe.
/// </summary>
internal interface IRowScorer
{
    /// <summary>A number; NaN is missing.</summary>
    void SetNumber(int input, double value);

    /// <summary>Text; null is missing.</summary>
    void SetText(int input, string? value);

    ScoredRow Score();
}
