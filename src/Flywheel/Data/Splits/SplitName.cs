namespace Flywheel.Data.Splits;

/// <summary>The three parts a data set is cut into. The numeric values are stable: they are hashed into fingerprints.</summary>
public enum SplitName : byte
{
    Train = 0,
    Validation = 1,
    Test = 2,
}

public static class SplitNames
{
    public static IReadOnlyList<SplitName> All { get; } = [SplitName.Train, SplitName.Validation, SplitName.Test];

    /// <summary>The lower-case name written to assignment files and JSON ("train", "validation", "test").</summary>
    public static string Name(this SplitName split) => split switch
    {
        SplitName.Train => "train",
        SplitName.Validation => "validation",
        SplitName.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };
}
