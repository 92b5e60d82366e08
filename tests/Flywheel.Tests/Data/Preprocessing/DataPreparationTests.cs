using Flywheel.Data.Preprocessing;
using Flywheel.Data.Splits;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Tests.Data.Preprocessing;

public class DataPreparationTests
{
    private static float[][] Features(IDataView view) =>
        view.GetColumn<VBuffer<float>>(PreparedData.FeaturesColumn).Select(vector => vector.DenseValues().ToArray()).ToArray();

    [Fact]
    public void Statistics_are_learned_from_train_rows_only()
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), PreparationFixtures.Binary());

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], prepared.Split.RowsIn(SplitName.Train));
        var income = prepared.Plan.Column("income");
        // Train incomes 10, 20, (missing), 40, 50, 60, 70: median of the six present values = (40 + 50) / 2 = 45.
        Assert.Equal(45.0, income.Median!.Value, 12);
        // Filled train values 10, 20, 45, 40, 50, 60, 70: mean 295 / 7; population sd.
        var filled = new[] { 10.0, 20, 45, 40, 50, 60, 70 };
        var mean = filled.Average();
        Assert.Equal(mean, income.Mean!.Value, 12);
        Assert.Equal(Math.Sqrt(filled.Sum(x => (x - mean) * (x - mean)) / 7), income.StandardDeviation!.Value, 12);
        Assert.True(income.HadMissing);

        var city = prepared.Plan.Column("city");
        // Train cities tokyo ×3, osaka ×2, kyoto ×1, one missing → mode tokyo; the filled vocabulary never includes "zz".
        Assert.Equal("tokyo", city.Mode);
        Assert.Equal(["tokyo", "osaka", "kyoto"], city.Vocabulary);
    }

    [Fact]
    public void Features_follow_the_fitted_statistics_and_unknown_categories_are_all_zero()
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), PreparationFixtures.Binary());
        var income = prepared.Plan.Column("income");
        // Layout: income (standardized), income.missing, city one-hot (tokyo, osaka, kyoto), city.missing.
        var validation = Features(prepared.Validation);
        var expectedIncome = (10000 - income.Mean!.Value) / income.StandardDeviation!.Value;
        Assert.Equal(expectedIncome, validation[0][0], 3);
        Assert.Equal([0f, 0f, 0f, 0f, 0f], validation[0][1..]);

        var train = Features(prepared.Train);
        Assert.Equal((45 - income.Mean.Value) / income.StandardDeviation.Value, train[2][0], 5);
        Assert.Equal(1f, train[2][1]);
        Assert.Equal([0f, 0f, 0f, 1f, 0f], train[4][1..]);
        Assert.Equal([0f, 1f, 0f, 0f, 1f], train[3][1..]);
    }

    [Fact]
    public void Feature_names_describe_every_slot_in_order()
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), PreparationFixtures.Binary());
        Assert.Equal(["income", "income (missing)", "city=tokyo", "city=osaka", "city=kyoto", "city (missing)"], prepared.FeatureNames);
        var size = ((VectorDataViewType)prepared.Train.Schema[PreparedData.FeaturesColumn].Type).Size;
        Assert.Equal(size, prepared.FeatureNames.Count);
        var city = prepared.FeatureGroups[2];
        Assert.Equal(("city", FeatureRole.OneHot, 2, 3), (city.Column, city.Role, city.Start, city.Length));
    }
}

public class JapaneseAndOddTextTests
{
    [Fact]
    public void Japanese_names_and_values_and_line_breaks_in_categories_survive_the_chain()
    {
        var fixture = PreparationFixtures.Table();
        string?[] cities = ["東京", "大阪", "東京", null, "京都\n本店", "東京", "大\"阪\\", "札幌", "東京", "大阪"];
        var table = new ColumnTable([.. fixture.Columns.Where(c => c.Name != "city"), Flywheel.Data.Preprocessing.TableColumn.Text("都市", Flywheel.Data.Sources.ColumnKind.Categorical, cities)], "fixture.csv");
        var options = PreparationFixtures.Binary() with
        {
            Plan = new PlanOptions { Columns = new Dictionary<string, ColumnOverride> { ["都市"] = new(ColumnTreatment.Ordinal, Order: ["東京", "大阪", "京都\n本店", "大\"阪\\", "札幌"]) } },
        };
        var prepared = DataPreparation.Prepare(table, options);
        Assert.Equal("東京", prepared.Plan.Column("都市").Mode);
        var ordinal = prepared.Train.GetColumn<Microsoft.ML.Data.VBuffer<float>>(PreparedData.FeaturesColumn).Select(v => v.DenseValues().ToArray()[2]).ToArray();
        // 東京 1, 大阪 2, missing → mode 東京 1, 京都\n本店 3, 東京 1, 大"阪\ 4.
        Assert.Equal([1f, 2f, 1f, 1f, 3f, 1f, 4f], ordinal);
    }
}
