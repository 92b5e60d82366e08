using Flywheel.Tasks;

namespace Flywheel.Tests.Tasks;

public class PositiveClassTests
{
    private static string Resolve(string? declared, params (string Class, long Count)[] classes) =>
        PositiveClass.Resolve(classes.Select(c => new ClassCount(c.Class, c.Count)).ToList(), declared, "t", "f.yaml");

    [Fact]
    public void The_declared_class_wins_even_when_common() =>
        Assert.Equal("stays", Resolve("stays", ("stays", 90), ("leaves", 10)));

    [Fact]
    public void A_yes_spelling_matches_a_true_false_column() =>
        Assert.Equal("true", Resolve("Yes", ("true", 90), ("false", 10)));

    [Fact]
    public void A_yes_like_name_beats_rarity() =>
        Assert.Equal("Yes", Resolve(null, ("No", 10), ("Yes", 90)));

    [Fact]
    public void Else_the_rarer_class_and_ties_go_to_the_later_name()
    {
        Assert.Equal("fraud", Resolve(null, ("ok", 97), ("fraud", 3)));
        Assert.Equal("b", Resolve(null, ("b", 5), ("a", 5)));
    }

    [Fact]
    public void A_declared_class_the_target_lacks_is_an_error_naming_the_field()
    {
        var error = Assert.Throws<InputException>(() => Resolve("maybe", ("yes", 1), ("no", 1)));
        Assert.Contains("'data.positive'", error.Message);
        Assert.Equal("f.yaml", error.File);
    }

    [Fact]
    public void Binary_classes_put_the_other_class_first() =>
        Assert.Equal(new BinaryClasses("no", "yes"), BinaryClasses.Of(["no", "yes"], "yes"));
}
