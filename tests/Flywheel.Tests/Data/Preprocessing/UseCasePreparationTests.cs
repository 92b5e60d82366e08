using Flywheel.Data.Preprocessing;
using Flywheel.Data.Splits;
using Flywheel.Tasks;
using Flywheel.UseCases;
using Microsoft.ML.Data;

namespace Flywheel.Tests.Data.Preprocessing;

public class UseCasePreparationTests
{
    private static string UseCaseYaml(string extra = "") => $"""
        name: churn
        statement: As a subscriber about to leave, I get an offer that keeps me.
        data:
          source: {TestData.Repo("samples/churn/data/mlc_churn.csv")}
          target: churn
          positive: "yes"
          split: {"{"} train: 0.7, validation: 0.2, test: 0.1, seed: 1729, stratify: true {"}"}
        {extra}
        """;

    [Fact]
    public void Mlc_churn_use_case_prepares_stratified_views_with_a_feature_vector()
    {
        var useCase = (UseCaseLoader.Parse(UseCaseYaml(), "flywheel.yaml") with { DataRoots = [TestData.Repo("samples")] });
        var progress = new List<string>();
        var prepared = DataPreparation.Prepare(useCase, MlTask.Binary, new SynchronousProgress(p => progress.Add(p.Stage)));

        Assert.Equal(SplitStrategy.Stratified, prepared.Split.Settings.Strategy);
        Assert.Equal([3500L, 1000L, 500L], new[] { prepared.Train, prepared.Validation, prepared.Test }.Select(view => view.GetRowCount()!.Value));
        var labels = prepared.Train.GetColumn<bool>(PreparedData.LabelColumn).ToArray();
        Assert.InRange(labels.Count(label => label), 494, 495); // 707 × 0.7 = 494.9
        var features = (VectorDataViewType)prepared.Train.Schema[PreparedData.FeaturesColumn].Type;
        Assert.True(features.Size > 20);
        // state has 51 values: more than one_hot_max (15), so it is hashed.
        Assert.Equal(ColumnTreatment.Hashed, prepared.Plan.Plan.Find("state")!.Treatment);
        Assert.Equal(["read", "split", "plan", "fit statistics", "fit transformer", "transform"], progress);
    }

    [Fact]
    public void Overrides_in_the_use_case_file_reach_the_plan()
    {
        var useCase = (UseCaseLoader.Parse(UseCaseYaml(
            "  preprocessing:\n" +
            "    one_hot_max: 60\n" +
            "    columns:\n" +
            "      area_code: { drop: true }\n" +
            "      total_day_minutes: { scale: none, indicator: true }\n"), "flywheel.yaml") with { DataRoots = [TestData.Repo("samples")] });
        var prepared = DataPreparation.Prepare(useCase, MlTask.Binary);
        var plan = prepared.Plan.Plan;
        Assert.Equal(ColumnTreatment.OneHot, plan.Find("state")!.Treatment);
        Assert.Equal(ColumnTreatment.Drop, plan.Find("area_code")!.Treatment);
        Assert.Equal(Scaling.None, plan.Find("total_day_minutes")!.Scaling);
        Assert.True(plan.Find("total_day_minutes")!.MissingIndicator);
    }

    [Theory]
    [InlineData("  preprocessing: { columns: { state: { encoding: fancy } } }", "'data.preprocessing.columns.state.encoding' must be one of")]
    [InlineData("  preprocessing: { target_transform: sqrt }", "'data.preprocessing.target_transform' must be one of")]
    [InlineData("  preprocessing: { outliers: always }", "'data.preprocessing.outliers' must be iqr, none")]
    [InlineData("  preprocessing: { columns: { state: { order: [a, b] } } }", "needs 'encoding: ordinal'")]
    [InlineData("  preprocessing: { scaling: none }", "unknown key 'scaling'")]
    public void Bad_overrides_are_input_errors_with_a_position(string extra, string message)
    {
        var error = Assert.Throws<InputException>(() => (UseCaseLoader.Parse(UseCaseYaml(extra), "flywheel.yaml") with { DataRoots = [TestData.Repo("samples")] }));
        Assert.Contains(message, error.Message);
        Assert.Equal("flywheel.yaml", error.File);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void An_override_for_a_column_the_data_lacks_is_an_input_error_naming_it()
    {
        var useCase = (UseCaseLoader.Parse(UseCaseYaml("  preprocessing: { columns: { phone: { drop: true } } }"), "flywheel.yaml") with { DataRoots = [TestData.Repo("samples")] });
        var error = Assert.Throws<InputException>(() => DataPreparation.Prepare(useCase, MlTask.Binary));
        Assert.Contains("'phone'", error.Message);
    }

    private sealed class SynchronousProgress(Action<PreparationProgress> report) : IProgress<PreparationProgress>
    {
        public void Report(PreparationProgress value) => report(value);
    }
}
