using System.Text;
using System.Text.Json;

namespace Flywheel.Cli.Tests.Data;

public sealed class DataSplitCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-split-{Guid.NewGuid():N}");

    public DataSplitCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        var csv = new StringBuilder("customer,plan,day,churn\n");
        for (var row = 0; row < 40; row++)
            csv.Append($"c{row / 2},p{row % 3},2024-01-{row % 28 + 1:00},{(row % 4 == 0 ? "yes" : "no")}\n");
        File.WriteAllText(Path.Combine(_folder, "data", "churn.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), """
            name: churn
            statement: As a subscriber about to leave, I get an offer that keeps me.
            data:
              source: data/churn.csv
              target: churn
              split: { train: 0.5, validation: 0.25, test: 0.25, seed: 7, stratify: true }
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Split_of_a_use_case_writes_the_assignment_and_prints_counts_per_class_as_json()
    {
        var output = Path.Combine(_folder, "out", "assignment.csv");
        var (code, stdout, stderr) = CliProcess.Run("data", "split", _folder, "-o", output, "--json");
        Assert.True(code == 0, stderr);

        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal("stratified", root.GetProperty("strategy").GetString());
        Assert.Equal(40, root.GetProperty("rows").GetInt32());
        var splits = root.GetProperty("splits").EnumerateArray().ToList();
        // 10 churners and 30 others, halved and quartered exactly: 5/15, 2or3/7or8 ...
        Assert.Equal([20, 10, 10], splits.Select(split => split.GetProperty("rows").GetInt32()));
        Assert.Equal(5, splits[0].GetProperty("classes").GetProperty("yes").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("fingerprint").GetString()!);

        var lines = File.ReadAllLines(output);
        Assert.Equal("row,split", lines[0]);
        Assert.Equal(41, lines.Length);
        Assert.Equal(20, lines.Count(line => line.EndsWith(",train")));
    }

    [Fact]
    public void Same_seed_gives_the_same_fingerprint_and_another_seed_a_different_one()
    {
        string Fingerprint(params string[] extra)
        {
            var (code, stdout, stderr) = CliProcess.Run(["data", "split", _folder, "-o", Path.Combine(_folder, "a.csv"), "--json", .. extra]);
            Assert.True(code == 0, stderr);
            return JsonDocument.Parse(stdout).RootElement.GetProperty("fingerprint").GetString()!;
        }
        Assert.Equal(Fingerprint(), Fingerprint("--seed", "7"));
        Assert.NotEqual(Fingerprint(), Fingerprint("--seed", "8"));
    }

    [Fact]
    public void Grouped_and_time_splits_from_the_command_line()
    {
        var output = Path.Combine(_folder, "g.csv");
        var (code, stdout, stderr) = CliProcess.Run("data", "split", _folder, "--by", "customer", "-o", output, "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal("grouped", JsonDocument.Parse(stdout).RootElement.GetProperty("strategy").GetString());
        var splitOf = File.ReadAllLines(output).Skip(1).Select(line => line.Split(',')[1]).ToList();
        // Customers are rows (0,1), (2,3), …: both rows of a customer share a split.
        for (var row = 0; row < 40; row += 2) Assert.Equal(splitOf[row], splitOf[row + 1]);

        (code, stdout, stderr) = CliProcess.Run("data", "split", _folder, "--time", "day", "-o", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("TimeOrdered", stdout);
    }

    [Fact]
    public void A_missing_group_column_exits_2_naming_it_and_writes_nothing()
    {
        var output = Path.Combine(_folder, "never.csv");
        var (code, _, stderr) = CliProcess.Run("data", "split", _folder, "--by", "household", "-o", output);
        Assert.Equal(2, code);
        Assert.Contains("'household'", stderr);
        Assert.Contains("flywheel.yaml", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Fractions_that_do_not_add_up_exit_2_with_the_position()
    {
        var yaml = Path.Combine(_folder, "flywheel.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("test: 0.25", "test: 0.5"));
        var (code, _, stderr) = CliProcess.Run("data", "split", _folder);
        Assert.Equal(2, code);
        Assert.Contains("flywheel.yaml:6:", stderr);
        Assert.Contains("must add up to 1", stderr);
    }
}
