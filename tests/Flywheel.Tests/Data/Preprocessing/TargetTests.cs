using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Tests.Data.Preprocessing;

public class TargetTests
{
    private static PreparationOptions Regression() =>
        new("price", MlTask.Regression, PreparationFixtures.TimeSplit) { Drop = ["churn"] };

    [Fact]
    public void Log_transform_is_chosen_for_a_skewed_positive_target_and_round_trips()
    {
        // Train prices 100, 120, 90, 3000, 110, 130, 95 are positive and strongly right-skewed.
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), Regression());
        Assert.Equal(TargetTransformKind.Log, prepared.Label.Transform);
        var labels = prepared.Train.GetColumn<float>(PreparedData.LabelColumn).ToArray();
        Assert.Equal(Math.Log(3000), labels[3], 5);
        foreach (var price in PreparationFixtures.Price)
            Assert.Equal(price, prepared.Label.ToTarget(prepared.Label.ToLabel(price)), 9);
    }

    [Fact]
    public void Target_transform_can_be_turned_off_and_log_needs_positive_values()
    {
        var none = DataPreparation.Prepare(PreparationFixtures.Table(), Regression() with { Plan = new PlanOptions { TargetTransform = TargetTransformChoice.None } });
        Assert.Equal(TargetTransformKind.None, none.Label.Transform);
        Assert.Equal(3000f, none.Train.GetColumn<float>(PreparedData.LabelColumn).ToArray()[3]);

        var table = PreparationFixtures.Table();
        var negative = new ColumnTable([.. table.Columns.Where(c => c.Name != "price"), TableColumn.Numeric("price", [.. PreparationFixtures.Price.Select(p => p - 1000)])], "fixture.csv");
        var error = Assert.Throws<InputException>(() => DataPreparation.Prepare(negative, Regression() with { Plan = new PlanOptions { TargetTransform = TargetTransformChoice.Log } }));
        Assert.Contains("positive", error.Message);
    }

    [Fact]
    public void Outlier_filter_uses_the_tukey_fence_of_train_targets_and_only_removes_train_rows()
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), Regression() with
        {
            Plan = new PlanOptions { Outliers = new OutlierFilter(1.5), TargetTransform = TargetTransformChoice.None },
        });
        // Train prices sorted: 90, 95, 100, 110, 120, 130, 3000. numpy linear quantiles: Q1 = 97.5, Q3 = 125, IQR = 27.5.
        Assert.Equal(97.5 - 1.5 * 27.5, prepared.Plan.Target.OutlierLow!.Value, 9);
        Assert.Equal(125 + 1.5 * 27.5, prepared.Plan.Target.OutlierHigh!.Value, 9);
        Assert.Equal(1, prepared.Plan.OutliersRemoved);
        Assert.Equal(6, prepared.Plan.TrainRows);
        Assert.Equal(6, prepared.Train.GetRowCount());
        Assert.Equal(2, prepared.Validation.GetRowCount());
        // Statistics are fitted after the filter: train incomes without row 3 (40) → present 10, 20, 50, 60, 70.
        Assert.Equal(50.0, prepared.Plan.Column("income").Median!.Value, 12);
    }

    [Fact]
    public void Outlier_filter_on_a_classification_target_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => DataPreparation.Prepare(PreparationFixtures.Table(),
            PreparationFixtures.Binary() with { Plan = new PlanOptions { Outliers = new OutlierFilter() } }));
        Assert.Contains("outliers", error.Message);
    }

    [Fact]
    public void Binary_label_is_true_for_the_positive_class()
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), PreparationFixtures.Binary());
        var labels = prepared.Train.GetColumn<bool>(PreparedData.LabelColumn).ToArray();
        Assert.Equal(PreparationFixtures.Churn.Take(7).Select(value => value == "yes"), labels);
        Assert.Equal("yes", prepared.Label.Positive);
    }

    [Fact]
    public void Positive_class_that_is_not_a_target_value_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => DataPreparation.Prepare(PreparationFixtures.Table(), PreparationFixtures.Binary() with { Positive = "Yes" }));
        Assert.Contains("'data.positive' is 'Yes'", error.Message);
    }

    [Fact]
    public void Multiclass_label_is_a_key_with_class_names_in_ordinal_order()
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), new PreparationOptions("city", MlTask.Multiclass, PreparationFixtures.TimeSplit) { Drop = ["churn"] });
        Assert.Equal(["kyoto", "osaka", "tokyo", "zz"], prepared.Label.Classes);
        // Train rows with a city: tokyo, osaka, tokyo, kyoto, tokyo, osaka (row 3 has no city and is left out).
        var keys = prepared.Train.GetColumn<uint>(PreparedData.LabelColumn).ToArray();
        Assert.Equal([3u, 2u, 3u, 1u, 3u, 2u], keys);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        prepared.Train.Schema[PreparedData.LabelColumn].GetKeyValues(ref names);
        Assert.Equal(["kyoto", "osaka", "tokyo", "zz"], names.DenseValues().Select(name => name.ToString()));
    }
}
