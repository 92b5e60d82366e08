using System.Text.RegularExpressions;
using Flywheel.Evaluation.Decisions;
using Flywheel.Tests.Value;
using Flywheel.UseCases;
using Flywheel.Value;
using YamlDotNet.RepresentationModel;

namespace Flywheel.Tests.UseCases;

/// <summary>
/// docs/use-case-file.md against the readers: every fixed-key mapping's table lists exactly the keys its reader
/// accepts (<see cref="UseCaseKeys"/>), and the complete example in the page loads and prices.
/// </summary>
public partial class UseCaseReferenceTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "use-case-file.md"));

    /// <summary>Section path → keys, from each "## `path`" / "### `path`" heading and the first-column keys of its table.</summary>
    private static Dictionary<string, List<string>> DocumentedSections()
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in Page.Split('\n'))
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                current = [];
                sections.Add(heading.Groups["path"].Value, current);
            }
            else if (line.StartsWith('#')) current = null;
            else if (current is not null && KeyRow().Match(line) is { Success: true } row) current.Add(row.Groups["key"].Value);
        }
        return sections;
    }

    [GeneratedRegex(@"^#{2,3} (`(?<path>[^`]+)`|(?<path>\(top level\)))\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| `(?<key>[^`]+)` \|")]
    private static partial Regex KeyRow();

    [Fact]
    public void Every_mapping_a_reader_knows_is_documented_and_nothing_else()
    {
        var documented = DocumentedSections();
        Assert.Equal(UseCaseKeys.BySection.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_section_table_lists_exactly_the_keys_its_reader_accepts()
    {
        var documented = DocumentedSections();
        foreach (var (section, keys) in UseCaseKeys.BySection)
        {
            var missing = keys.Except(documented[section]).ToList();
            var extra = documented[section].Except(keys).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0,
                $"'{section}': in the reader but not the reference: [{string.Join(", ", missing)}]; in the reference but not the reader: [{string.Join(", ", extra)}]");
            Assert.Equal(keys.Count, documented[section].Distinct().Count());
        }
    }

    [Fact]
    public void The_complete_example_loads_every_section_and_prices()
    {
        var start = Page.IndexOf("<!-- complete-example -->\n```yaml\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page lost its complete example");
        var body = Page[(Page.IndexOf("```yaml\n", start, StringComparison.Ordinal) + 8)..];
        var yaml = body[..body.IndexOf("```", StringComparison.Ordinal)];

        var useCase = UseCaseLoader.Parse(yaml, "flywheel.yaml");
        Assert.Equal(["application", "applications", "申込"], useCase.Units.Counts.Select(c => c.Value));
        Assert.NotNull(useCase.Data);
        Assert.Equal(new SplitSpec(0.7, 0.15, 0.15, 11, true, null, "applied_on"), useCase.Data.Split);
        Assert.Equal([PlanStepKind.Manual, PlanStepKind.Rule, PlanStepKind.Ml], useCase.Plan!.Steps.Select(s => s.Kind));
        Assert.Equal(TimeSpan.FromMinutes(2), useCase.Training!.Budget);
        Assert.NotNull(DecisionSettings.From(useCase.Decision!));

        // 40 申込/day × 25 min/application × 3000 JPY/h = 50,000 JPY/day: 申込 and application are declared counts.
        var result = ValueModel.Load(useCase).Evaluate();
        Assert.Equal(50_000, result.ValuePerDay.Value, 1e-9);
        Assert.Equal("JPY/day", result.ValuePerDay.UnitText);
    }

    [Fact]
    public void A_reader_cannot_ask_for_a_key_its_list_does_not_name()
    {
        var node = new YamlMappingNode(new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode("a"), new YamlScalarNode("1")));
        var reader = new MappingReader(node, "f.yaml", "s", ["a"]);
        Assert.Throws<InvalidOperationException>(() => reader.Node("b"));
    }

    [Fact]
    public void An_unknown_key_lists_the_documented_keys_of_its_section()
    {
        var error = Assert.Throws<InputException>(() => UseCaseLoader.Parse("name: n\nstatement: s\ntraining:\n  budjet: 5m\n", "flywheel.yaml"));
        Assert.Equal("unknown key 'budjet' in 'training'; expected one of: budget, ensemble, objective, seed, task, trainers", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
    }
}
