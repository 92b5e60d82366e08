using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Flywheel.Cli.Tests.Train;

/// <summary>train → evaluate --json → predict through the built CLI, on the penguins sample (small, so quick).</summary>
public sealed class TrainEvaluatePredictCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-train-{Guid.NewGuid():N}");

    public TrainEvaluatePredictCommandTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), $"""
            name: penguins
            statement: As a field researcher, I get the species of a penguin from its measurements.
            data:
              source: {Repo("samples/penguins/data/penguins.csv")}
              target: species
            training:
              trainers: [LightGbm, Lbfgs]
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_then_evaluate_as_json_then_predict_a_csv()
    {
        var train = Run("train", _folder, "--max-trials", "2", "--budget", "1h", "--seed", "3");
        Assert.True(train.Code == 0, train.Error);
        Assert.Contains("Leaderboard", train.Out);
        Assert.Contains("penguins:1", train.Out);

        var evaluate = Run("evaluate", _folder, "--json");
        Assert.True(evaluate.Code == 0, evaluate.Error);
        using var json = JsonDocument.Parse(evaluate.Out);
        var root = json.RootElement;
        Assert.Equal("multiclass", root.GetProperty("task").GetString());
        Assert.Equal("penguins:1", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("metrics").GetProperty("accuracy").GetDouble() >= 0.95);
        Assert.Equal(3, root.GetProperty("confusionMatrix").GetProperty("classes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("decision").ValueKind);

        var output = Path.Combine(_folder, "scored.csv");
        var predict = Run("predict", "penguins@candidate", Repo("samples/penguins/data/penguins.csv"), "-o", output);
        Assert.True(predict.Code == 0, predict.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal(345, lines.Length);
        Assert.EndsWith(",score,label,decision", lines[0]);
        Assert.Contains(lines.Skip(1), line => line.Contains(",Gentoo,automatic", StringComparison.Ordinal));
    }

    [Fact]
    public void Predicting_with_a_wrong_type_names_column_and_line_exits_2_and_writes_nothing()
    {
        Assert.Equal(0, Run("train", _folder, "--max-trials", "1", "--budget", "1h").Code);
        var input = Path.Combine(_folder, "bad.csv");
        File.WriteAllLines(input, File.ReadLines(Repo("samples/penguins/data/penguins.csv")).Select((line, i) => i == 5 ? line.Replace("36.7", "thirty", StringComparison.Ordinal) : line));
        var output = Path.Combine(_folder, "bad-scored.csv");
        var predict = Run("predict", _folder, input, "-o", output);
        Assert.Equal(2, predict.Code);
        Assert.Contains("bad.csv:6: column 'bill_length_mm' must be a number, not 'thirty'", predict.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Run_diagnoses_trains_and_writes_the_report_pages()
    {
        var run = Run("run", _folder, "--max-trials", "1", "--budget", "1h", "-o", Path.Combine(_folder, "pages"));
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("Data: readiness", run.Out);
        Assert.Contains("penguins:1", run.Out);
        var model = File.ReadAllText(Path.Combine(_folder, "pages", "model.html"));
        Assert.Contains("<h2>Leaderboard", model);
        Assert.Contains("<svg", model);
        Assert.True(File.Exists(Path.Combine(_folder, "pages", "data.html")));
        Assert.False(File.Exists(Path.Combine(_folder, "pages", "value.html")), "the use case has no value section");
    }

    [Fact]
    public void A_bad_budget_is_a_clear_error() =>
        Assert.Contains("--budget must be a duration", Run("train", _folder, "--budget", "soon").Error);

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Flywheel.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8, WorkingDirectory = _folder };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private static string Repo(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Flywheel.slnx"))) directory = directory.Parent;
        return Path.Combine(directory!.FullName, relative);
    }
}
