using System.Text.Json;

namespace Flywheel.Cli.Tests.Train;

/// <summary>train → evaluate --json → predict through the built CLI, on the penguins sample (small, so quick).</summary>
public sealed class TrainEvaluatePredictCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-train-{Guid.NewGuid():N}");

    public TrainEvaluatePredictCommandTests()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(CliProcess.Repo("samples/penguins/data/penguins.csv"), Path.Combine(_folder, "penguins.csv"));
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), $"""
            name: penguins
            statement: As a field researcher, I get the species of a penguin from its measurements.
            data:
              source: penguins.csv
              target: species
            training:
              trainers: [LightGbm, Lbfgs]
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_then_evaluate_as_json_then_predict_a_csv()
    {
        var train = CliProcess.RunIn(_folder, "train", _folder, "--max-trials", "2", "--budget", "1h", "--seed", "3");
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("Leaderboard", train.Stdout);
        Assert.Contains("penguins:1", train.Stdout);

        var evaluate = CliProcess.RunIn(_folder, "evaluate", _folder, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var json = JsonDocument.Parse(evaluate.Stdout);
        var root = json.RootElement;
        Assert.Equal("multiclass", root.GetProperty("task").GetString());
        Assert.Equal("penguins:1", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("metrics").GetProperty("accuracy").GetDouble() >= 0.95);
        Assert.Equal(3, root.GetProperty("confusionMatrix").GetProperty("classes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("decision").ValueKind);

        // On new labelled data: the file is scored now, and the JSON says so.
        var fresh = CliProcess.RunIn(_folder, "evaluate", _folder, "--json", "--data", CliProcess.Repo("samples/penguins/data/penguins.csv"));
        Assert.True(fresh.ExitCode == 0, fresh.Stderr);
        using var freshJson = JsonDocument.Parse(fresh.Stdout);
        Assert.Contains("344 labelled rows", freshJson.RootElement.GetProperty("evaluatedOn").GetString());
        Assert.Equal(344, freshJson.RootElement.GetProperty("confusionMatrix").GetProperty("counts").EnumerateArray().Sum(row => row.EnumerateArray().Sum(cell => cell.GetInt32())));
        var unlabelled = CliProcess.RunIn(_folder, "evaluate", _folder, "--data", CliProcess.Repo("samples/churn/data/mlc_churn.csv"));
        Assert.Equal(2, unlabelled.ExitCode);
        Assert.Contains("mlc_churn.csv:1: the input lacks the columns", unlabelled.Stderr);

        var output = Path.Combine(_folder, "scored.csv");
        var predict = CliProcess.RunIn(_folder, "predict", "penguins@candidate", CliProcess.Repo("samples/penguins/data/penguins.csv"), "-o", output);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal(345, lines.Length);
        Assert.EndsWith(",score,label,decision,suggested_label,p_Adelie,p_Chinstrap,p_Gentoo", lines[0]);
        Assert.Contains(lines.Skip(1), line => line.Contains(",Gentoo,automatic", StringComparison.Ordinal));
    }

    [Fact]
    public void Predicting_with_a_wrong_type_names_column_and_line_exits_2_and_writes_nothing()
    {
        Assert.Equal(0, CliProcess.RunIn(_folder, "train", _folder, "--max-trials", "1", "--budget", "1h").ExitCode);
        var input = Path.Combine(_folder, "bad.csv");
        File.WriteAllLines(input, File.ReadLines(CliProcess.Repo("samples/penguins/data/penguins.csv")).Select((line, i) => i == 5 ? line.Replace("36.7", "thirty", StringComparison.Ordinal) : line));
        var output = Path.Combine(_folder, "bad-scored.csv");
        var predict = CliProcess.RunIn(_folder, "predict", _folder, input, "-o", output);
        Assert.Equal(2, predict.ExitCode);
        Assert.Contains("bad.csv:6: column 'bill_length_mm' must be a number, not 'thirty'", predict.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Run_diagnoses_trains_and_writes_the_report_pages()
    {
        var run = CliProcess.RunIn(_folder, "run", _folder, "--max-trials", "1", "--budget", "1h", "-o", Path.Combine(_folder, "pages"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Data: readiness", run.Stdout);
        Assert.Contains("penguins:1", run.Stdout);
        var model = File.ReadAllText(Path.Combine(_folder, "pages", "model.html"));
        Assert.Contains("<h2>Leaderboard", model);
        Assert.Contains("<svg", model);
        Assert.True(File.Exists(Path.Combine(_folder, "pages", "data.html")));
        Assert.False(File.Exists(Path.Combine(_folder, "pages", "value.html")), "the use case has no value section");
    }

    [Fact]
    public void A_bad_budget_is_a_clear_error() =>
        Assert.Contains("--budget must be a duration", CliProcess.RunIn(_folder, "train", _folder, "--budget", "soon").Stderr);

}
