using Flywheel.UseCases;

namespace Flywheel.Tests.Fuzz;

/// <summary>Broken use-case files: each is refused with a message at its real line and column, never a stack trace or overflow.</summary>
[Trait("Category", "Fuzz")]
public class YamlFuzzTests
{
    private const string Head = "name: x\nstatement: s\n";

    public static TheoryData<FuzzCase> Cases => new()
    {
        new("unclosed '[' then another line", "name: x\nstatement: [a, b\nowner: c\n", "the '[' opened at line 2, column 12 is not closed", 3, 1),
        new("unclosed '{' then another line", "name: x\nstatement: {a: b\nowner: c\n", "not closed", 3),
        new("undefined alias", "name: x\nstatement: *nope\n", "the alias '*nope' refers to no anchor", 2, 12),
        new("undefined alias deep in a mapping", Head + "value:\n  parameters:\n    a: *missing\n", "'*missing'", 5, 8),
        new("tab in the indentation", "name: x\n\tstatement: y\n", "tab", 2, 1),
        new("3,000 nested lists", "name: x\nstatement: " + new string('[', 3000) + new string(']', 3000) + "\n", "at most 64 levels", 2),
        new("100,000 nested lists", "name: x\nstatement: " + new string('[', 100_000) + new string(']', 100_000) + "\n", "at most 64 levels", 2),
        new("10,000 nested flow mappings", "name: x\nstatement: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000) + "\n", "at most 64 levels", 2),
        new("2,000 nested block mappings", "name: x\nstatement: s\nvalue:\n" + string.Concat(Enumerable.Range(1, 2000).Select(i => new string(' ', i) + "k:\n")), "at most 64 levels"),
        new("empty file", "", "the file is empty", 1, 1),
        new("only a comment", "# nothing here\n", "the file is empty"),
        new("a list at the top", "- a\n- b\n", "must be a mapping", 1, 1),
        new("a scalar at the top", "hello\n", "must be a mapping", 1, 1),
        new("missing name", "statement: s\n", "needs the key 'name'"),
        new("missing statement", "name: x\n", "needs the key 'statement'"),
        new("unknown top-level key", Head + "colour: blue\n", "unknown key 'colour'", 3, 1),
        new("name is a list", "name: [a, b]\nstatement: s\n", "must be a single value", 1, 7),
        new("duplicate key", "name: x\nname: y\nstatement: s\n", "Duplicate key", 2),
        new("value is a list", Head + "value: [1, 2]\n", "must be a mapping", 3, 8),
        new("data is a scalar", Head + "data: file.csv\n", "must be a mapping", 3, 7),
        new("data without source", Head + "data:\n  target: y\n", "needs the key 'source'"),
        new("unknown key in data", Head + "data:\n  source: a.csv\n  taget: y\n", "unknown key 'taget'", 5, 3),
        new("training budget not a duration", Head + "training:\n  budget: soon\n", "a duration such as", 4, 11),
        new("training budget 1e308s", Head + "training:\n  budget: 1e308s\n", "at most 30 days", 4, 11),
        new("training budget negative", Head + "training:\n  budget: -5s\n", "a duration such as", 4, 11),
        new("training seed not whole", Head + "training:\n  seed: 1.5\n", "must be a whole number", 4, 9),
        new("training seed beyond int", Head + "training:\n  seed: 99999999999\n", "must be a whole number", 4, 9),
        new("ensemble not a boolean", Head + "training:\n  ensemble: maybe\n", "must be true or false", 4, 13),
        new("unterminated double quote", "name: \"x\nstatement: s\n", "not valid YAML"),
        new("unterminated single quote", "name: 'x\nstatement: s\n", "not valid YAML"),
        new("bad indentation of a mapping", "name: x\n statement: s\n  owner: o\n", "not valid YAML"),
        new("a key without a value in a flow mapping", "name: x\nstatement: {a\n", "not valid YAML"),
        new("directive garbage", "%YAML 9.9\n---\nname: x\n", "not valid YAML"),
        new("two documents, the first empty of keys", "---\n- a\n---\nname: x\n", "must be a mapping"),
        new("parameter value not a number", Head + "value:\n  parameters:\n    a: {value: lots}\n", "must be a number", 5, 16),
        new("alias before its anchor", "name: x\nstatement: *s\nowner: &s o\n", "refers to no anchor", 2, 12),
        new("unknown key in training", Head + "training:\n  budgett: 5s\n", "unknown key 'budgett'", 4, 3),
        new("training is a list", Head + "training: [a]\n", "must be a mapping", 3, 11),
        new("decision is a scalar", Head + "decision: yes\n", "must be a mapping", 3, 11),
        new("plan is a scalar", Head + "plan: 3\n", "must be a mapping", 3, 7),
        new("statement is a mapping", "name: x\nstatement: {a: 1}\n", "must be a single value", 2, 12),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_at_its_place(FuzzCase fuzz) => FuzzCase.Holds(fuzz, () => UseCaseLoader.Parse(fuzz.Input, "flywheel.yaml"));

    [Fact]
    public void Sixty_four_levels_still_load()
    {
        // The limit is on nesting, not on a plain file: 60 levels inside 'statement' parse, and fail only as a non-scalar.
        var error = Assert.Throws<InputException>(() => UseCaseLoader.Parse("name: x\nstatement: " + new string('[', 60) + new string(']', 60) + "\n", "flywheel.yaml"));
        Assert.Contains("must be a single value", error.Message);
    }

    [Fact]
    public void Invalid_utf8_names_the_line_and_column_of_the_first_bad_byte()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flywheel-fuzz-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, [.. "name: x\nstatement: caf"u8, 0xE9, .. "\n"u8]);
        try
        {
            var error = Assert.Throws<InputException>(() => UseCaseLoader.Load(path));
            Assert.Contains("not valid UTF-8", error.Message);
            Assert.Equal((2, 15), (error.Line, error.Column));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
