using System.Globalization;
using System.Text;
using Flywheel.Serving;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Tests.Workflows;

/// <summary>Files that are not comma-and-empty CSV train, record their dialect, and predict exactly as at training.</summary>
public class DialectTrainingTests
{
    private static UseCaseFolder Folder(string csv, string extraData = "")
    {
        var folder = new UseCaseFolder($"""
            name: dialect
            statement: As a tester, I predict the file I trained on.
            data:
              source: data.csv
              target: churned
            {extraData}
            training:
              trainers: [LightGbm]
              ensemble: false
            """);
        File.WriteAllText(folder.File("data.csv"), csv, new UTF8Encoding(false));
        return folder;
    }

    // 300 rows: a number with a fractional part, a whole number, a category, and a target that depends on them.
    private static string Rows(string delimiter, string decimalSeparator, Func<int, string?> missing)
    {
        var text = new StringBuilder($"spend{delimiter}calls{delimiter}plan{delimiter}churned\n");
        for (var i = 0; i < 300; i++)
        {
            var spend = (10 + (i * 37 % 100) / 4.0).ToString("0.00", CultureInfo.InvariantCulture).Replace(".", decimalSeparator, StringComparison.Ordinal);
            var calls = (i * 7 % 9).ToString(CultureInfo.InvariantCulture);
            var plan = i % 3 == 0 ? "basic" : "premium";
            var churned = (i * 37 % 100) / 4.0 + i * 7 % 9 > 17 ? "yes" : "no";
            text.Append(missing(i) is { } token && i % 2 == 0 ? token : spend).Append(delimiter)
                .Append(missing(i) is { } other && i % 2 == 1 ? other : calls).Append(delimiter)
                .Append(plan).Append(delimiter).Append(churned).Append('\n');
        }
        return text.ToString();
    }

    private static (TrainOutcome Outcome, ScoringModel Model) TrainAndCheck(UseCaseFolder folder)
    {
        var outcome = TrainWorkflow.Run(UseCaseLoader.Load(folder.Path), new TrainRequest(MaxTrials: 1, Importance: false));
        ServingParity.Check(outcome, folder.File("data.csv"), folder.Path);
        return (outcome, ScoringModel.Load(outcome.PackageDirectory));
    }

    [Fact]
    public void A_semicolon_file_with_decimal_commas_trains_and_predicts_the_same_scores()
    {
        using var folder = Folder(Rows(";", ",", _ => null));
        var (_, model) = TrainAndCheck(folder);
        Assert.Equal((";", ","), (model.Spec.Dialect.Delimiter, model.Spec.Dialect.Decimal));
        Assert.True(model.Spec.Inputs.Single(input => input.Name == "spend").Numeric);
    }

    [Fact]
    public void Sniffed_NA_tokens_train_and_predict_as_missing()
    {
        using var folder = Folder(Rows(",", ".", i => i % 10 < 2 ? "NA" : null));
        var (_, model) = TrainAndCheck(folder);
        Assert.Equal(["", "NA"], model.Spec.Dialect.Missing);
        Assert.True(model.Spec.Inputs.Single(input => input.Name == "spend").Numeric);
        Assert.True(model.Spec.Inputs.Single(input => input.Name == "calls").Numeric);
    }

    [Fact]
    public void Declared_missing_tokens_train_and_predict_as_missing()
    {
        using var folder = Folder(Rows(",", ".", i => i % 10 < 2 ? "unknown" : null), "  csv: { missing: [unknown] }");
        var (_, model) = TrainAndCheck(folder);
        Assert.Equal(["", "unknown"], model.Spec.Dialect.Missing);
        Assert.True(model.Spec.Inputs.Single(input => input.Name == "calls").Numeric);
    }
}
