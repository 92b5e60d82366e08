using Flywheel.Data.Splits;
using Flywheel.Evaluation.Decisions;
using Flywheel.Serving;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

[Collection(ChurnModelCollection.Name)]
public class LabelledDataEvaluationTests(ChurnModel churn)
{
    private static readonly string ChurnCsv = UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv");

    [Fact]
    public void Scoring_the_test_rows_again_reproduces_the_test_evaluation_made_at_training_time()
    {
        // The same split as training: the test rows of mlc_churn.csv, written to their own file.
        var split = SplitRun.Assign(SplitRun.Open(churn.Folder.Path), new SplitOverrides(), classification: true);
        var lines = File.ReadAllLines(ChurnCsv);
        var testFile = churn.Folder.File("test-rows.csv");
        File.WriteAllLines(testFile, split.Assignment.RowsIn(SplitName.Test).Select(row => lines[row + 1]).Prepend(lines[0]));

        var decision = DecisionSettings.From(UseCaseLoader.Load(churn.Folder.Path).Decision!);
        var result = LabelledDataEvaluation.Run(ScoringModel.Load(churn.Outcome.PackageDirectory), testFile, decision);

        Assert.Equal(750, result.Scored);
        var stored = churn.Outcome.Test;
        foreach (var metric in new[] { "auc", "accuracy", "f1", "log_loss", "auc_pr" })
            Assert.Equal(stored.Metric(metric)!.Value, result.Report.Metric(metric)!.Value, 5);
        // The package's threshold, not a new one: the same value per customer as at training.
        Assert.Equal(stored.Decision!.Threshold, result.Report.Decision!.Threshold);
        Assert.Equal(stored.Decision.ValuePerItem, result.Report.Decision.ValuePerItem, 6);
    }

    [Fact]
    public void Rows_without_a_label_are_skipped_and_counted()
    {
        var lines = File.ReadAllLines(ChurnCsv).Take(101).ToArray();
        var file = churn.Folder.File("partly-labelled.csv");
        // Blank out the label (the last field) of the first ten rows.
        File.WriteAllLines(file, lines.Select((line, i) => i is >= 1 and <= 10 ? line[..(line.LastIndexOf(',') + 1)] : line));
        var result = LabelledDataEvaluation.Run(ScoringModel.Load(churn.Outcome.PackageDirectory), file);
        Assert.Equal(90, result.Scored);
        Assert.Equal(10, result.Unlabelled);
        Assert.Null(result.Report.Decision);
    }

    [Fact]
    public void A_file_without_the_target_or_with_an_unknown_class_is_refused_naming_it()
    {
        var model = ScoringModel.Load(churn.Outcome.PackageDirectory);
        var lines = File.ReadAllLines(ChurnCsv).Take(6).ToArray();

        var noTarget = churn.Folder.File("no-target.csv");
        File.WriteAllLines(noTarget, lines.Select(line => line[..line.LastIndexOf(',')]));
        var error = Assert.Throws<InputException>(() => LabelledDataEvaluation.Run(model, noTarget));
        Assert.Contains("no column 'churn'", error.Message);
        Assert.Equal(1, error.Line);

        var unknown = churn.Folder.File("unknown-class.csv");
        File.WriteAllLines(unknown, lines.Select((line, i) => i == 3 ? line[..(line.LastIndexOf(',') + 1)] + "maybe" : line));
        error = Assert.Throws<InputException>(() => LabelledDataEvaluation.Run(model, unknown));
        Assert.Contains("'maybe'", error.Message);
        Assert.Equal(4, error.Line);
    }
}
