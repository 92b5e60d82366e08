namespace Flywheel.Evaluation.Results;

/// <summary>
/// A curve as points (X[i], Y[i]). <see cref="Thresholds"/> holds the score at which a point is reached where that
/// applies (it may be one shorter than X, as in scikit-learn's precision–recall curve); <see cref="Counts"/> the
/// number of rows behind each point where that applies (calibration bins, lift deciles).
/// </summary>
public sealed record Curve(
    string Name,
    string XLabel,
    string YLabel,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double>? Thresholds = null,
    IReadOnlyList<long>? Counts = null);
