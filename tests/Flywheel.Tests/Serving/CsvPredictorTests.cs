using System.Globalization;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Tasks;
using Flywheel.Tests.Data;
using Flywheel.Tests.Data.Preprocessing;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Flywheel.Tests.Serving;

public class CsvPredictorTests
{
    // The fixture's rows as a CSV: missing numbers and categories as empty fields.
    private static string Csv(string missing = "") =>
        "date,income,city,constant\n" + string.Concat(Enumerable.Range(0, 10).Select(i =>
            $"2024-01-{i + 1:00},{(double.IsNaN(PreparationFixtures.Income[i]) ? missing : PreparationFixtures.Income[i].ToString(CultureInfo.InvariantCulture))},{PreparationFixtures.City[i] ?? ""},same\n"));

    private static ScoringModel Binary(double? reviewLower, double? reviewUpper, CsvDialect? dialect = null, double threshold = 0.5)
    {
        var options = PreparationFixtures.Binary();
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), options);
        var chain = prepared.Transformer.Append(prepared.Context.BinaryClassification.Trainers
            .LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, L1Regularization = 0, L2Regularization = 0 }).Fit(prepared.Train));
        var inputs = prepared.InputColumns.Select(column => new ServingInputColumn(column.Name, column.IsNumeric)).ToList();
        return new ScoringModel(chain, new ServingSpec(MlTask.Binary, inputs, prepared.Label.Classes,
            new ServingPolicy("churn", "yes", false, threshold, reviewLower, reviewUpper, null)) { Dialect = dialect ?? CsvDialect.Legacy });
    }

    [Fact]
    public void A_review_row_has_no_label_and_carries_the_suggestion_apart()
    {
        using var folder = new TempFolder();
        var input = folder.Write("in.csv", Csv());
        var output = Path.Combine(folder.Path, "out.csv");
        // The cut is the sixth-lowest score: rows below it (answered "no") go to a person, the others are answered "yes".
        var cut = Binary(null, null).Score(PreparationFixtures.Table()).Select(row => row.Score).Order().ElementAt(5);
        var summary = CsvPredictor.Predict(Binary(0, cut, threshold: cut), input, output);

        var lines = File.ReadAllLines(output);
        Assert.Equal("date,income,city,constant,score,label,decision,suggested_label", lines[0]);
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(10, rows.Count);
        foreach (var row in rows)
        {
            var score = double.Parse(row[4], CultureInfo.InvariantCulture);
            Assert.Equal(score < cut ? ("", "review", "no") : ("yes", "automatic", "yes"), (row[5], row[6], row[7]));
        }
        Assert.Equal(5, summary.Review);
        Assert.Equal(5, rows.Count(row => row[6] == "review"));
    }

    [Fact]
    public void A_package_without_a_recorded_dialect_reads_comma_csv_with_only_empty_fields_missing()
    {
        using var folder = new TempFolder();
        var manifest = new ModelManifest(1, "churn", "binary", "Lbfgs", new ModelFile("model.zip", ""), [],
            [new global::Flywheel.Registry.InputColumn("income", ServingSpec.NumericType, ServingSpec.FeatureRole)], ["no", "yes"], null,
            System.Text.Json.JsonSerializer.SerializeToElement(new ServingPolicy("churn", "yes", false, 0.5, null, null, null), PackageJson.Options),
            null, "sha256:0", null, LibraryVersions.Current(), 1);
        var spec = ServingSpec.FromManifest(manifest, folder.Path);
        Assert.Same(CsvDialect.Legacy, spec.Dialect);

        var legacy = Binary(null, null, CsvDialect.Legacy);
        var error = Assert.Throws<InputException>(() => CsvPredictor.Predict(legacy, folder.Write("na.csv", Csv("NA")), Path.Combine(folder.Path, "out.csv")));
        Assert.Contains("column 'income' must be a number, not 'NA'", error.Message);
        Assert.Equal(4, error.Line);
        Assert.False(File.Exists(Path.Combine(folder.Path, "out.csv")));
    }

    [Fact]
    public void A_dialect_with_NA_reads_it_as_missing_and_scores_as_an_empty_field()
    {
        using var folder = new TempFolder();
        var model = Binary(null, null);
        var withNa = Binary(null, null, CsvDialect.Legacy with { Missing = ["", "NA"] });
        CsvPredictor.Predict(withNa, folder.Write("na.csv", Csv("NA")), Path.Combine(folder.Path, "na.out.csv"));
        CsvPredictor.Predict(model, folder.Write("empty.csv", Csv()), Path.Combine(folder.Path, "empty.out.csv"));
        static IEnumerable<string> Scores(string file) => File.ReadAllLines(file).Skip(1).Select(line => line.Split(',')[4]);
        Assert.Equal(Scores(Path.Combine(folder.Path, "empty.out.csv")), Scores(Path.Combine(folder.Path, "na.out.csv")));
    }
}
