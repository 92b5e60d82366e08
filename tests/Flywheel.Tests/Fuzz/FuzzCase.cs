namespace Flywheel.Tests.Fuzz;

/// <summary>
/// One bad input and what must come of it: an <see cref="InputException"/> whose message holds <see cref="Fragment"/>,
/// at <see cref="Line"/> (and <see cref="Column"/>) when given. The name is what the test runner shows.
/// </summary>
public sealed record FuzzCase(string Name, string Input, string Fragment, int? Line = null, int? Column = null)
{
    public override string ToString() => Name;

    public static void Holds(FuzzCase fuzz, Action run)
    {
        var error = Assert.Throws<InputException>(run);
        Assert.Contains(fuzz.Fragment, error.Message, StringComparison.Ordinal);
        if (fuzz.Line is { } line) Assert.Equal(line, error.Line);
        if (fuzz.Column is { } column) Assert.Equal(column, error.Column);
    }
}
