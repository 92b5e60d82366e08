namespace Flywheel.Data.Profiling;

/// <param name="Bins">Histogram bins per column.</param>
/// <param name="TopValues">Most frequent values kept per categorical column.</param>
/// <param name="MaxLevels">Categorical columns with more distinct values than this are left out of associations (they would look associated with anything).</param>
/// <param name="MaxClasses">A target with at most this many distinct values is treated as classes.</param>
/// <param name="MaxPairwiseNumeric">
/// Numeric columns (the first in file order) that take part in the pairwise correlation matrix; the matrix grows with
/// the square of its columns (5,000 columns are 12.5 million pairs), so wider data is capped and the profile says so.
/// Each column is still measured against the target.
/// </param>
/// <param name="MaxPairwiseCategorical">Categorical columns (the first in file order) whose pairs get Cramér's V.</param>
public sealed record ProfileOptions(int Bins = 20, int TopValues = 10, int MaxLevels = 50, int MaxClasses = 20, int MaxPairwiseNumeric = 100, int MaxPairwiseCategorical = 60)
{
    public static ProfileOptions Default { get; } = new();
}
