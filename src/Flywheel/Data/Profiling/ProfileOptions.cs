namespace Flywheel.Data.Profiling;

/// <param name="Bins">Histogram bins per column.</param>
/// <param name="TopValues">Most frequent values kept per categorical column.</param>
/// <param name="MaxLevels">Categorical columns with more distinct values than this are left out of associations (they would look associated with anything).</param>
/// <param name="MaxClasses">A target with at most this many distinct values is treated as classes.</param>
public sealed record ProfileOptions(int Bins = 20, int TopValues = 10, int MaxLevels = 50, int MaxClasses = 20)
{
    public static ProfileOptions Default { get; } = new();
}
