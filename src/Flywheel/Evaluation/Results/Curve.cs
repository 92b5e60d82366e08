namespace Flywheel.Evaluation.Results;

/// <summary>
/// A curve as points (X[i], Y[i]). <see cref="Thresholds"/> holds the score at which a point is reached where that
/// applies (it may be one shorter than X, as in scikit-learn's precision–recall curve); <see cref="Counts"/> the
/// number of rows behind each point where that applies (calibration bins).
/// </summary>
public sealed record Curve(
    string Name,
    string XLabel,
    string YLabel,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double>? Thresholds = null,
    IReadOnlyList<long>? Counts = null)
{
    /// <summary>
    /// At most <paramref name="maxPoints"/> points, evenly spaced by index, the first and last always kept (so a
    /// curve over a million distinct scores stays a readable size in reports and JSON). Thresholds and counts follow
    /// their points; a threshold list one shorter than X (precision–recall) keeps the points that have one.
    /// </summary>
    public Curve Thinned(int maxPoints)
    {
        if (maxPoints < 2) throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, "a curve needs at least two points");
        if (X.Count <= maxPoints) return this;
        var picked = Enumerable.Range(0, maxPoints)
            .Select(k => (int)Math.Round((double)k * (X.Count - 1) / (maxPoints - 1), MidpointRounding.AwayFromZero))
            .Distinct()
            .ToArray();
        return this with
        {
            X = picked.Select(i => X[i]).ToArray(),
            Y = picked.Select(i => Y[i]).ToArray(),
            Thresholds = Thresholds is null ? null : picked.Where(i => i < Thresholds.Count).Select(i => Thresholds[i]).ToArray(),
            Counts = Counts is null ? null : picked.Where(i => i < Counts.Count).Select(i => Counts[i]).ToArray(),
        };
    }
}
