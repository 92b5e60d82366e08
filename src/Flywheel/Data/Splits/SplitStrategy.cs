namespace Flywheel.Data.Splits;

/// <summary>How rows are dealt into splits.</summary>
public enum SplitStrategy
{
    /// <summary>Shuffled with the seed, then cut by the fractions.</summary>
    Random,

    /// <summary>Like random, but each class keeps its proportion in every split (within one row of exact).</summary>
    Stratified,

    /// <summary>Whole groups (rows sharing the group column's value) are dealt; no group is in two splits.</summary>
    Grouped,

    /// <summary>Ordered by the date column: every train date ≤ every validation date ≤ every test date.</summary>
    TimeOrdered,
}
