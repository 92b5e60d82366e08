using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flywheel.Cli.Tests.Output;

/// <summary>
/// stdout piped to a file: results only (progress goes to stderr, and only to a terminal), and lines longer than
/// 80 columns stay whole. Then what a newcomer does next from another folder: <c>models show</c> and <c>predict</c>
/// with <c>-d</c>, whose figures agree with <c>evaluate</c>.
/// </summary>
public sealed partial class PipedOutputTests : IDisposable
{
    // What the progress displays say: the stage task, the status line, the search task, the data bar.
    private static readonly string[] ProgressWords = ["preparing", "starting", "search: trial", "trial 1: best", "loading:"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-piped-{Guid.NewGuid():N}");
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("flywheel-elsewhere-").FullName;

    public PipedOutputTests()
    {
        Directory.CreateDirectory(_folder);
        // The data inside the use case: a source outside it needs a data root.
        File.Copy(CliProcess.Repo("samples/penguins/data/penguins.csv"), Path.Combine(_folder, "penguins.csv"));
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), $"""
            name: penguins
            statement: As a field researcher, I get the species of a penguin from its measurements, without a genetic test on the ice.
            data:
              source: penguins.csv
              target: species
            training:
              trainers: [LightGbm]
            """);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    [GeneratedRegex(@"^Registered penguins:1 as @candidate \(package [0-9a-f]{12} in .+/\.flywheel/artifacts/[0-9a-f]{64}\)$")]
    private static partial Regex RegisteredLine();

    private static void AssertNoProgress(string stdout)
    {
        foreach (var word in ProgressWords) Assert.DoesNotContain(word, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_piped_prints_results_only_in_whole_lines_then_show_and_predict_work_from_elsewhere_with_dir()
    {
        var train = PipedCli.RunIn(_folder, "train", _folder, "--max-trials", "1", "--budget", "1h", "--seed", "3");
        Assert.True(train.ExitCode == 0, train.Stderr);
        AssertNoProgress(train.Stdout);
        var lines = PipedCli.Lines(train.Stdout);
        // Over 80 columns (the 64-character package id alone), on one line.
        Assert.Contains(lines, line => RegisteredLine().IsMatch(line) && line.Length > 80);
        Assert.Contains(lines, line => line.Contains("feature_fraction=1, iterations=100, l2=0.01, learning_rate=0.1, leaves=31, min_leaf=20", StringComparison.Ordinal));

        // From another folder: -d names the use case whose store holds penguins@production.
        var alias = PipedCli.RunIn(_elsewhere, "models", "alias", "penguins:1", "production", "-d", _folder);
        Assert.True(alias.ExitCode == 0, alias.Stderr);
        var scored = Path.Combine(_elsewhere, "scored.csv");
        var predict = PipedCli.RunIn(_elsewhere, "predict", "penguins@production", CliProcess.Repo("samples/penguins/data/penguins.csv"), "-o", scored, "-d", _folder);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal(345, File.ReadAllLines(scored).Length);
        var lost = PipedCli.RunIn(_elsewhere, "predict", "penguins@production", CliProcess.Repo("samples/penguins/data/penguins.csv"), "-o", scored + "2");
        Assert.NotEqual(0, lost.ExitCode);
        Assert.Contains("penguins", lost.Stderr);

        // models show: rows that add up, the headline test metrics, and the same test rows evaluate scored.
        var show = PipedCli.RunIn(_elsewhere, "models", "show", "penguins@production", "-d", _folder, "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
        using var json = JsonDocument.Parse(show.Stdout);
        var summary = json.RootElement.GetProperty("summary");
        var rows = summary.GetProperty("rows");
        Assert.Equal(344, rows.GetProperty("total").GetInt32());
        Assert.Equal(344, rows.GetProperty("train").GetInt32() + rows.GetProperty("validation").GetInt32() + rows.GetProperty("test").GetInt32());
        var metrics = summary.GetProperty("testMetrics");
        Assert.Equal(["accuracy", "f1_macro", "log_loss"], metrics.EnumerateObject().Select(p => p.Name));
        var evaluate = PipedCli.RunIn(_elsewhere, "evaluate", _folder, "--json");
        using var evaluation = JsonDocument.Parse(evaluate.Stdout);
        var counts = evaluation.RootElement.GetProperty("confusionMatrix").GetProperty("counts");
        Assert.Equal(rows.GetProperty("test").GetInt32(), counts.EnumerateArray().Sum(row => row.EnumerateArray().Sum(cell => cell.GetInt32())));
        Assert.Equal(evaluation.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble(), metrics.GetProperty("accuracy").GetDouble(), 12);

        var text = PipedCli.RunIn(_elsewhere, "models", "show", "penguins@production", "-d", _folder);
        Assert.True(text.ExitCode == 0, text.Stderr);
        var test = rows.GetProperty("test").GetInt32();
        Assert.Contains($"344: {rows.GetProperty("train").GetInt32()} train + {rows.GetProperty("validation").GetInt32()} validation + {test} test", text.Stdout);
        Assert.Contains($"test metrics ({test} rows)", text.Stdout);
        Assert.Contains(PipedCli.Lines(text.Stdout), line => line.StartsWith("intended use", StringComparison.Ordinal) && line.Contains("without a genetic test on the ice.", StringComparison.Ordinal));
        Assert.DoesNotContain(PipedCli.Lines(text.Stdout), line => line.Length > 200);
    }

    [Fact]
    public void Run_piped_writes_no_progress_to_stdout_and_keeps_long_lines_whole()
    {
        var run = PipedCli.RunIn(_folder, "run", _folder, "--max-trials", "1", "--budget", "1h", "-o", Path.Combine(_folder, "pages"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        AssertNoProgress(run.Stdout);
        Assert.Contains(PipedCli.Lines(run.Stdout), line => RegisteredLine().IsMatch(line));
        Assert.Contains(PipedCli.Lines(run.Stdout), line => line == $"wrote {Path.Combine(_folder, "pages", "model.html")}");
    }

    [Fact]
    public void Value_piped_keeps_table_rows_whole()
    {
        var value = PipedCli.RunIn(_elsewhere, "value", CliProcess.Sample("churn"));
        Assert.True(value.ExitCode == 0, value.Stderr);
        AssertNoProgress(value.Stdout);
        var row = Assert.Single(PipedCli.Lines(value.Stdout), line => line.StartsWith("│ acquisition_cost ", StringComparison.Ordinal));
        Assert.True(row.Length > 80, row);
        Assert.Contains("JPY/customer", row);
        Assert.EndsWith("│", row);
    }
}
