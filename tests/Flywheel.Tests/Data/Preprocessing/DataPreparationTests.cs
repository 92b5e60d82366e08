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
}
