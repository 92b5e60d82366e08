using Flywheel.Serving;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

/// <summary>Trains the churn sample (its own flywheel.yaml) once, three trials so it is deterministic and quick, for the tests that read its results.</summary>
public sealed class ChurnModel : IDisposable
{
    public ChurnModel()
    {
        Folder = UseCaseFolder.FromSample("churn", "data/mlc_churn.csv");
        Outcome = TrainWorkflow.Run(UseCaseLoader.Load(Folder.Path), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: 3));
    }

    public UseCaseFolder Folder { get; }
    public TrainOutcome Outcome { get; }

    public void Dispose() => Folder.Dispose();
}

/// <summary>The classes that read the trained churn model share one training run.</summary>
[CollectionDefinition(Name)]
public sealed class ChurnModelCollection : ICollectionFixture<ChurnModel>
{
    public const string Name = "churn model";
}

[Collection(ChurnModelCollection.Name)]
public class ChurnTrainingTests(ChurnModel churn)
{
    [Fact]
    public void Test_auc_reaches_the_bar()
    {
        Assert.True(churn.Outcome.Test.Metric("auc") >= 0.90, $"test AUC {churn.Outcome.Test.Metric("auc")}");
        Assert.Equal(750, churn.Outcome.Test.Rows);
    }

    [Fact]
    public void The_threshold_chosen_on_validation_beats_one_half_on_test()
    {
        var decision = churn.Outcome.Test.Decision!;
        Assert.Equal("JPY", decision.Currency);
        Assert.InRange(decision.Threshold!.Value, 0.0, 0.5);
        Assert.True(decision.ValuePerItem > decision.ValuePerItemAtHalf, $"chosen {decision.ValuePerItem} vs 0.5 {decision.ValuePerItemAtHalf}");
        // The same policy, priced on the validation rows it was chosen on.
        Assert.Equal(decision.Threshold, churn.Outcome.Validation.Decision!.Threshold);
        Assert.Equal(decision.ValuePerItem * 100, decision.ValuePerDay!.Value, 6);
    }

    [Fact]
    public void The_decision_is_judged_against_offering_to_everyone_and_to_nobody_on_out_of_fold_rows()
    {
        var decision = churn.Outcome.Test.Decision!;
        // 750 validation rows are too few to choose a threshold on alone: 5-fold predictions over all 4,250 non-test rows.
        Assert.Contains("out-of-fold", decision.ChosenOn);
        Assert.Contains("4250", decision.ChosenOn);
        var alternatives = decision.Alternatives!.ToDictionary(a => a.Name);
        Assert.Equal(-500, alternatives["act_on_all"].TestValuePerItem, 9); // every subscriber gets the 500 JPY offer
        Assert.Equal(106 * -200_000 / 750.0, alternatives["act_on_none"].TestValuePerItem, 6); // 106 leavers missed
        Assert.Equal("act_on_all", decision.ValueAdded!.Over);
        Assert.Equal(decision.ValuePerItem - -500, decision.ValueAdded.PerItem, 6);
        Assert.Equal(750, decision.ConfusionMatrix!.Counts.Sum(row => row.Sum()));
        Assert.Contains("0.25% risk", decision.Economics);
    }

    [Fact]
    public void Evaluate_json_names_the_policy_the_alternatives_the_value_added_and_the_counts_at_the_decision()
    {
        using var json = System.Text.Json.JsonDocument.Parse(EvaluationDocument.From(churn.Outcome.Record, churn.Outcome.Test, churn.Outcome.Version).ToJson());
        var decision = json.RootElement.GetProperty("decision");
        Assert.Contains(decision.GetProperty("policy").GetString(), new[] { "model", "act_on_all", "act_on_none" });
        var names = decision.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(["act_on_none", "act_on_all", "rule:service-calls-rule"], names); // the plan's rule step is priced beside the model
        var perItem = decision.GetProperty("alternatives")[1].GetProperty("valuePerItem");
        Assert.Equal(-500, perItem.GetProperty("test").GetDouble(), 9);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, perItem.GetProperty("validation").ValueKind);
        var added = decision.GetProperty("valueAdded");
        Assert.Equal("act_on_all", added.GetProperty("over").GetString());
        Assert.Equal(2, added.GetProperty("interval90").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, added.GetProperty("perDay").ValueKind);
        Assert.Equal(2, decision.GetProperty("confusionMatrix").GetProperty("counts").GetArrayLength());
    }

    [Fact]
    public void Every_trial_is_recorded_with_trainer_hyperparameters_metrics_duration_and_seed()
    {
        var record = churn.Outcome.Record;
        Assert.Equal(3, record.Trials.Count);
        Assert.All(record.Trials, trial =>
        {
            Assert.NotEmpty(trial.Hyperparameters);
            Assert.Contains("auc", trial.Metrics.Keys);
            Assert.Equal(trial.Metrics["auc"], trial.Objective);
            Assert.True(trial.DurationSeconds > 0);
            Assert.Equal(7, trial.Seed);
        });
        Assert.Equal("binary", record.Task);
        Assert.NotNull(record.Importance);
        Assert.NotNull(record.Latency);
        Assert.True(record.Latency!.P99Milliseconds >= record.Latency.P50Milliseconds);
    }

    [Fact]
    public void The_package_holds_model_serving_description_and_evaluations()
    {
        var stored = StoredEvaluation.Load(churn.Outcome.PackageDirectory);
        Assert.Equal(churn.Outcome.PackageId, stored.Id);
        Assert.Equal("LightGbm", stored.Package.Manifest.Trainer);
        Assert.Equal(["no", "yes"], stored.Package.Manifest.LabelMapping);
        Assert.Equal(churn.Outcome.Test.Metric("auc"), stored.Test.Metric("auc"));
        Assert.Equal(churn.Outcome.Record.Trials.Count, stored.Record.Trials.Count);
        Assert.Equal(churn.Outcome.PackageDirectory, ModelLocator.Resolve(churn.Folder.Path).Path);
        Assert.Equal(churn.Outcome.PackageId, ModelLocator.Resolve("telco-churn@candidate", churn.Folder.Path).Id);
        Assert.Equal("telco-churn:1", churn.Outcome.Version);
        // Machine-dependent figures stay out of the package, so its id is a function of what was trained.
        Assert.All(stored.Record.Trials, trial => Assert.Null(trial.DurationSeconds));
        Assert.Null(stored.Record.Latency);
    }

    [Fact]
    public void Predicting_the_data_adds_score_label_and_decision_and_a_reloaded_model_agrees()
    {
        var output = churn.Folder.File("scored.csv");
        var model = ScoringModel.Load(churn.Outcome.PackageDirectory);
        var summary = CsvPredictor.Predict(model, UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv"), output, batchSize: 700);
        Assert.Equal(5000, summary.Rows);
        var lines = File.ReadAllLines(output);
        Assert.Equal(5001, lines.Length);
        Assert.EndsWith(",churn,score,label,decision,suggested_label", lines[0]);

        // Batches of 700 and one row at a time give the same scores.
        var first = new CsvRecordReader(new StringReader(lines[1]), "scored.csv").Read()!.Value.Fields;
        var header = new CsvRecordReader(new StringReader(lines[0]), "scored.csv").Read()!.Value.Fields;
        var single = ScoringModel.Load(churn.Outcome.PackageDirectory)
            .Score(header.Zip(first).Take(20).ToDictionary(pair => pair.First, pair => (string?)pair.Second));
        Assert.Equal(double.Parse(first[20], System.Globalization.CultureInfo.InvariantCulture), single.Score);
        Assert.Equal(first[21], single.Label);
        Assert.Equal("automatic", first[22]);
    }

    [Fact]
    public void A_missing_column_fails_naming_it_and_writes_nothing()
    {
        var input = churn.Folder.File("missing.csv");
        File.WriteAllLines(input, File.ReadLines(UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv")).Take(50)
            .Select((line, i) => i == 0 ? line.Replace("\"international_plan\"", "\"intl_plan\"", StringComparison.Ordinal) : line));
        var output = churn.Folder.File("missing-scored.csv");
        var error = Assert.Throws<InputException>(() => CsvPredictor.Predict(ScoringModel.Load(churn.Outcome.PackageDirectory), input, output));
        Assert.Contains("'international_plan'", error.Message);
        Assert.Equal(1, error.Line);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(churn.Folder.Path, "*.tmp"));
    }

    [Fact]
    public void A_non_number_in_a_numeric_column_fails_naming_column_and_line_and_writes_nothing()
    {
        var input = churn.Folder.File("wrong.csv");
        // Row 3000 (line 3001) is past the first batch: the batches before it were scored but must not appear.
        File.WriteAllLines(input, File.ReadLines(UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv"))
            .Select((line, i) => i == 3000 ? ReplaceField(line, 6, "lots") : line));
        var output = churn.Folder.File("wrong-scored.csv");
        var error = Assert.Throws<InputException>(() => CsvPredictor.Predict(ScoringModel.Load(churn.Outcome.PackageDirectory), input, output, batchSize: 500));
        Assert.Contains("'total_day_minutes'", error.Message);
        Assert.Contains("'lots'", error.Message);
        Assert.Equal(3001, error.Line);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(churn.Folder.Path, "*.tmp"));
    }

    private static string ReplaceField(string line, int index, string value)
    {
        var fields = line.Split(',');
        fields[index] = value;
        return string.Join(',', fields);
    }
}
