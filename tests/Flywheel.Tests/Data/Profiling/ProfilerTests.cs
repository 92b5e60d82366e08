using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;

namespace Flywheel.Tests.Data.Profiling;

public class ProfilerTests
{
    private static DataProfile ProfileOf(string csv, string? target = null, ProfileOptions? options = null, string? positive = null)
    {
        using var folder = new TempFolder();
        using var source = DataSource.Open(SourceSpec.ForFile(folder.Write("d.csv", csv), target, positive));
        return Profiler.Profile(source, options);
    }

    [Fact]
    public void Small_whole_number_ranges_get_one_histogram_bin_per_value()
    {
        // Calls to a service desk: 0..3, so four bins centred on 0, 1, 2, 3 rather than twenty bins with gaps.
        var profile = ProfileOf("calls,amount\n0,1.5\n1,2.5\n1,3.5\n3,4.5\n2,5.5\n1,6.5\n");
        var bins = profile.Column("calls").Histogram!.Bins;
        Assert.Equal([-0.5, 0.5, 1.5, 2.5], bins.Select(bin => bin.Lower));
        Assert.Equal(3.5, bins[^1].Upper);
        Assert.Equal([1L, 3, 1, 1], bins.Select(bin => bin.Count));
        // Fractional values keep equal-width bins over their range.
        Assert.Equal(1.5, profile.Column("amount").Histogram!.Bins[0].Lower);
        Assert.Equal(6, profile.Column("amount").Histogram!.Bins.Sum(bin => bin.Count));
    }

    [Fact]
    public void Numeric_summary_uses_linear_quantiles_and_tukey_fences()
    {
        var profile = ProfileOf("x,c\n1,a\n2,a\n3,b\n4,a\n100,\n");
        var x = profile.Column("x");
        var numbers = x.Numbers!;
        Assert.Equal(1, numbers.Min);
        Assert.Equal(100, numbers.Max);
        Assert.Equal(22, numbers.Mean, 12);
        Assert.Equal(Math.Sqrt(7610 / 4.0), numbers.Std!.Value, 9);
        Assert.Equal(2, numbers.Q1, 12);
        Assert.Equal(3, numbers.Median, 12);
        Assert.Equal(4, numbers.Q3, 12);
        Assert.Equal(7, numbers.UpperFence, 12);
        Assert.Equal(-1, numbers.LowerFence, 12);
        Assert.Equal(1, numbers.AboveFence);
        Assert.Equal(0, numbers.BelowFence);
        Assert.True(numbers.IsInteger);
        Assert.Equal(5, x.Distinct);
    }

    [Fact]
    public void Histogram_bins_are_equal_width_with_the_last_closed()
    {
        var profile = ProfileOf("x\n0\n1\n2\n3\n4\n10\n", options: new ProfileOptions(Bins: 5));
        var bins = profile.Column("x").Histogram!.Bins;
        Assert.Equal([0.0, 2, 4, 6, 8], bins.Select(bin => bin.Lower));
        Assert.Equal([2L, 2, 1, 0, 1], bins.Select(bin => bin.Count));
    }

    [Fact]
    public void Categorical_missing_distinct_top_values_and_lengths()
    {
        var profile = ProfileOf("x,c\n1,a\n2,a\n3,bb\n4,a\n5,\n");
        var c = profile.Column("c");
        Assert.Equal(ColumnKind.Categorical, c.Kind);
        Assert.Equal(1, c.Missing);
        Assert.Equal(0.2, c.MissingFraction, 12);
        Assert.Equal(2, c.Distinct);
        Assert.Equal([new ValueCount("a", 3), new ValueCount("bb", 1)], c.TopValues);
        Assert.Equal(new LengthSummary(1, 2, 1.25), c.Lengths);
        Assert.Equal(0.75, c.TopShare, 12);
    }

    [Fact]
    public void Duplicate_rows_are_counted_beyond_the_first()
    {
        var profile = ProfileOf("a,b\n1,x\n1,x\n1,x\n2,x\n");
        Assert.Equal(2, profile.DuplicateRows);
    }

    [Fact]
    public void Date_range_and_numeric_like_strings()
    {
        // "two" is text, not a missing-value token such as "n/a" (which would make s a numeric column with a gap).
        var profile = ProfileOf("d,s\n2024-01-01,1\n2024-03-01,2\n2024-02-01,two\n");
        Assert.Equal(ColumnKind.Date, profile.Column("d").Kind);
        Assert.StartsWith("2024-01-01", profile.Column("d").Dates!.Min);
        Assert.StartsWith("2024-03-01", profile.Column("d").Dates!.Max);
        Assert.Equal(2, profile.Column("s").NumericLikeValues);
    }

    [Fact]
    public void Classification_target_with_per_class_feature_distributions_and_auc()
    {
        // x = 1, 2, 2, 3 against y = n, y, n, y: AUC 0.875; η from groups {1,2} and {2,3}
        var profile = ProfileOf("x,g,y\n1,a,n\n2,a,y\n2,b,n\n3,b,y\n", target: "y", positive: "y");
        var target = profile.Target!;
        Assert.True(target.IsClassification);
        Assert.Equal([new ValueCount("n", 2), new ValueCount("y", 2)], target.Classes);
        var auc = Assert.Single(profile.Associations.TargetSeparation);
        Assert.Equal(0.875, auc.Auc, 12);
        var eta = profile.Associations.WithTarget.Single(association => association.Left == "x");
        Assert.Equal(AssociationMeasure.CorrelationRatio, eta.Measure);
        // means 1.5 and 2.5 around 2: SS_between = 1, SS_total = 2
        Assert.Equal(Math.Sqrt(0.5), eta.Value, 12);
        var byClass = target.ByClass.Single(feature => feature.Feature == "x");
        Assert.Equal(1.5, byClass.Classes.Single(slice => slice.Class == "n").Mean!.Value, 12);
        Assert.Equal(2L, byClass.Classes.Single(slice => slice.Class == "y").BinCounts!.Sum());
    }

    [Fact]
    public void Regression_target_uses_pearson_and_eta()
    {
        // y is (2, 4, 6, 9) halved: four small whole numbers would be classes, and both measures ignore the scale.
        var profile = ProfileOf("x,g,y\n1,a,1\n2,a,2\n3,b,3\n4,b,4.5\n", target: "y");
        Assert.False(profile.Target!.IsClassification);
        var r = profile.Associations.WithTarget.Single(association => association.Left == "x");
        Assert.Equal(AssociationMeasure.Pearson, r.Measure);
        // Pearson of (1,2,3,4) and (2,4,6,9): Σdxdy = 11.5, Σdx² = 5, Σdy² = 26.75
        Assert.Equal(11.5 / Math.Sqrt(5 * 26.75), r.Value, 12);
        var eta = profile.Associations.WithTarget.Single(association => association.Left == "g");
        // groups a = {2,4}, b = {6,9} around 5.25: SS_between = 2·2.25² + 2·2.25² = 20.25, SS_total = 26.75
        Assert.Equal(Math.Sqrt(20.25 / 26.75), eta.Value, 12);
    }
}
