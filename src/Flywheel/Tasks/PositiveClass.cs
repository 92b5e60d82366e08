namespace Flywheel.Tasks;

/// <summary>A class of the target and how many rows hold it.</summary>
public sealed record ClassCount(string Class, long Count);

/// <summary>
/// Which of a binary target's two classes is positive (the one a score is the probability of), decided one way for
/// profiling, training, evaluation and serving: the declared <c>data.positive</c> (a yes/no spelling matches a
/// true/false column), else a class named like a yes (<see cref="YesNames"/>), else the rarer class — the one a team
/// usually wants to find — with ties going to the later name in ordinal order.
/// </summary>
public static class PositiveClass
{
    public static IReadOnlyList<string> YesNames { get; } = ["yes", "true", "1", "y", "t", "positive", "pos"];

    /// <param name="classes">The target's two classes with their row counts, in any order.</param>
    /// <param name="declared"><c>data.positive</c>, or null.</param>
    /// <param name="describedIn">The file a mistake points at (the use-case file when there is one).</param>
    public static string Resolve(IReadOnlyList<ClassCount> classes, string? declared, string target, string? describedIn = null)
    {
        var names = classes.Select(c => c.Class).Order(StringComparer.Ordinal).ToList();
        if (names.Count != 2)
            throw new InputException($"binary classification needs exactly 2 classes in '{target}', found {names.Count}: {string.Join(", ", names.Take(10))}", describedIn);
        if (declared is not null)
        {
            if (!names.Contains(declared) && names.SequenceEqual(["false", "true"])) declared = BooleanText.Normalize(declared);
            return names.Contains(declared) ? declared
                : throw new InputException($"'data.positive' is '{declared}', which is not a value of '{target}' ({string.Join(", ", names)})", describedIn);
        }
        if (names.FirstOrDefault(name => YesNames.Contains(name.Trim().ToLowerInvariant())) is { } yes) return yes;
        long Count(string name) => classes.Where(c => c.Class == name).Sum(c => c.Count);
        return Count(names[0]) < Count(names[1]) ? names[0] : names[1];
    }
}

/// <summary>A binary target's classes by role, for confusion matrices and for labelling scored rows.</summary>
public sealed record BinaryClasses(string Negative, string Positive)
{
    /// <summary>The classes as training stored them (two, or fewer in a degenerate package) and the resolved positive one.</summary>
    public static BinaryClasses Of(IReadOnlyList<string> classes, string positive) =>
        new(classes.FirstOrDefault(c => c != positive) ?? $"not {positive}", positive);
}
