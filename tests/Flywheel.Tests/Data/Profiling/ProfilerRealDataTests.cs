using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;

namespace Flywheel.Tests.Data.Profiling;

public class ProfilerRealDataTests
{
    [Fact]
    public void Ames_sale_price_fences_and_pairs()
    {
        using var source = DataSource.Open(TestData.Repo("samples/house-prices/data/ames.csv"), target: "Sale_Price");
        var profile = Profiler.Profile(source);
        var price = profile.Column("Sale_Price").Numbers!;
        Assert.Equal(339_500, price.UpperFence, 9);
        Assert.Equal(137, price.AboveFence);
        Assert.Equal(0.89, profile.Associations.PearsonBetween("Garage_Cars", "Garage_Area")!.Value, 2);
        Assert.Equal(0.81, profile.Associations.PearsonBetween("Gr_Liv_Area", "TotRms_AbvGrd")!.Value, 2);
        Assert.False(profile.Target!.IsClassification);
    }

    [Fact]
    public void Churn_target_and_minute_charge_pairs()
    {
        using var source = DataSource.Open(TestData.Repo("samples/churn/data/mlc_churn.csv"), target: "churn");
        var profile = Profiler.Profile(source);
        Assert.True(profile.Target!.IsClassification);
        Assert.Equal([new ValueCount("no", 4293), new ValueCount("yes", 707)], profile.Target.Classes);
        foreach (var period in new[] { "day", "eve", "night", "intl" })
            Assert.Equal(1.0, profile.Associations.PearsonBetween($"total_{period}_minutes", $"total_{period}_charge")!.Value, 2);
        Assert.NotEmpty(profile.Associations.TargetSeparation);
        // every feature but state, whose 51 levels exceed the 50 kept for associations
        Assert.Equal(18, profile.Target.ByClass.Count);
    }

    [Fact]
    public void Credit_missing_percentages()
    {
        using var source = DataSource.Open(TestData.File("credit_data.csv"), target: "Status");
        var profile = Profiler.Profile(source);
        Assert.Equal(381, profile.Column("Income").Missing);
        Assert.Equal(0.0855, profile.Column("Income").MissingFraction, 4);
    }
}
