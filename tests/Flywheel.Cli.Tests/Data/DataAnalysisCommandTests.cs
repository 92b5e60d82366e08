using System.Text.Json;

namespace Flywheel.Cli.Tests.Data;

/// <summary><c>flywheel data profile</c> and <c>data diagnose</c>, run as a user runs them.</summary>
public sealed class DataAnalysisCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-data-cli-{Guid.NewGuid():N}");

    public DataAnalysisCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Diagnose_churn_prints_one_json_object_with_findings_and_readiness()
    {
        var outcome = CliProcess.Run("data", "diagnose", CliProcess.Sample("churn"), "--json");
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var root = json.RootElement;
        Assert.Equal(5000, root.GetProperty("rows").GetInt32());
        Assert.Equal(20, root.GetProperty("columns").GetInt32());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        var pairs = findings.Where(finding => finding.GetProperty("kind").GetString() == "redundant_pair").ToList();
        Assert.Equal(4, pairs.Count(pair => Math.Round(pair.GetProperty("evidence").GetProperty("value").GetDouble(), 2) == 1.0));
        var imbalance = findings.Single(finding => finding.GetProperty("kind").GetString() == "imbalance");
        Assert.Equal("data scientist", imbalance.GetProperty("askRole").GetString());
        Assert.Equal("warning", imbalance.GetProperty("severity").GetString());
        Assert.Equal(2, root.GetProperty("readiness").GetProperty("number").GetInt32());
    }

    [Fact]
    public void Profile_json_names_the_task_training_will_choose_for_a_five_valued_integer_target()
    {
        var file = Path.Combine(_folder, "ratings.csv");
        File.WriteAllText(file, "a,rating\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 7},{1 + i % 5}\n")));
        var outcome = CliProcess.Run("data", "profile", file, "--target", "rating", "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var target = json.RootElement.GetProperty("target");
        Assert.Equal("multiclass", target.GetProperty("task").GetString());
        Assert.Equal(5, target.GetProperty("classes").GetArrayLength());

        var text = CliProcess.Run("data", "profile", file, "--target", "rating");
        Assert.Contains("target rating (multiclass): 1 8 (20%)", text.Stdout);
    }

    [Fact]
    public void Profile_writes_a_self_contained_html_report_and_json()
    {
        var html = Path.Combine(_folder, "report.html");
        var outcome = CliProcess.Run("data", "profile", Path.Combine(CliProcess.RepoRoot, "tests", "Flywheel.Tests", "Data", "Files", "credit_data.csv"), "--target", "Status", "--json", "-o", html);
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var income = json.RootElement.GetProperty("columns").EnumerateArray().Single(column => column.GetProperty("name").GetString() == "Income");
        Assert.Equal(381, income.GetProperty("missing").GetInt32());
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page);
        Assert.Contains("Missing values", page);
        Assert.Contains("Findings", page);
        Assert.DoesNotContain("<script src", page);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", ""));
    }

    [Fact]
    public void Diagnose_prints_a_table_and_the_readiness_level()
    {
        var outcome = CliProcess.Run("data", "diagnose", CliProcess.Sample("house-prices"));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("redundant_pair", outcome.Stdout);
        Assert.Contains("readiness", outcome.Stdout);
    }

    [Fact]
    public void A_missing_target_is_exit_2_and_writes_no_report()
    {
        var html = Path.Combine(_folder, "never.html");
        var outcome = CliProcess.Run("data", "diagnose", CliProcess.Sample("churn"), "--target", "nope", "-o", html);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error: ", outcome.Stderr);
        Assert.Contains("the target column 'nope' does not exist", outcome.Stderr);
        Assert.DoesNotContain("   at ", outcome.Stderr);
        Assert.False(File.Exists(html));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void An_empty_file_is_exit_2_naming_the_file()
    {
        var empty = Path.Combine(_folder, "empty.csv");
        File.WriteAllText(empty, "");
        var outcome = CliProcess.Run("data", "profile", empty, "--json");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"error: {empty}: the file is empty", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }
}
