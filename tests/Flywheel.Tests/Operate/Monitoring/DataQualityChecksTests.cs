using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Quality;
using Flywheel.UseCases;
using static Flywheel.Tests.Operate.Monitoring.MonitoringFixtures;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>Each of Model Monitor's data-quality check types triggered by a window crafted for it, and a clean window raising none.</summary>
public sealed class DataQualityChecksTests
{
    private static readonly IReadOnlyList<FeatureConstraint> Constraints =
    [
        new("x", "Fractional", 1.0, true, null),
        new("plan", "String", 1.0, null, new HashSet<string> { "basic", "premium" }),
    ];

    private static readonly MonitoringSection Monitoring = MonitoringSection.Default("flywheel.yaml");

    private static string Answers(int rows) => Answer(Enumerable.Repeat(("no", 0.1, "automatic"), rows).ToArray());

    private static IReadOnlyList<Violation> Check(params Flywheel.Operate.Capture.CapturedRecord[] records) =>
        DataQualityChecks.Check(Decode(records), Constraints, Monitoring, new HashSet<string> { "customer_id" });

    [Fact]
    public void A_window_like_the_baseline_raises_nothing()
    {
        Assert.Empty(Check(Csv(1, "1,basic\n2,premium\n3,basic\n", Answers(3)), Json(2, "[{\"x\":4,\"plan\":\"basic\",\"customer_id\":\"c9\"}]", Answers(1))));
    }

    [Fact]
    public void A_record_without_a_field_the_model_reads_is_a_missing_column()
    {
        var violation = Assert.Single(Check(Json(1, "[{\"x\":1,\"plan\":\"basic\"},{\"x\":2,\"plan\":\"basic\"},{\"x\":3,\"plan\":\"basic\"},{\"x\":4,\"plan\":\"basic\"},{\"x\":5,\"plan\":\"basic\"},{\"x\":6,\"plan\":\"basic\"},{\"x\":7,\"plan\":\"basic\"},{\"x\":8,\"plan\":\"basic\"},{\"x\":9,\"plan\":\"basic\"},{\"plan\":\"basic\"}]", Answers(10))));
        Assert.Equal(("x", CheckTypes.MissingColumn), (violation.Feature, violation.Check));
        Assert.Equal(0.1, violation.Observed!.Value, 12); // 1 of 10 rows; 10% missing is still within the completeness threshold
    }

    [Fact]
    public void A_field_no_input_reads_is_an_extra_column_unless_it_is_a_declared_role()
    {
        var violation = Assert.Single(Check(Json(1, "[{\"x\":1,\"plan\":\"basic\",\"coupon\":\"A\",\"customer_id\":\"c1\"},{\"x\":2,\"plan\":\"basic\"}]", Answers(2))));
        Assert.Equal(("coupon", CheckTypes.ExtraColumn, 0.5), (violation.Feature, violation.Check, violation.Observed));
    }

    [Fact]
    public void Text_in_a_numeric_column_beyond_the_threshold_is_a_data_type_violation()
    {
        var violations = Check(Csv(1, "1,basic\nmany,basic\n3,basic\n4,basic\n5,basic\n6,basic\n7,basic\n8,basic\n9,basic\n10,basic\n", Answers(10)),
            Csv(2, "few,basic\n", Answers(1)));
        var type = Assert.Single(violations, v => v.Check == CheckTypes.DataType);
        Assert.Equal("x", type.Feature);
        Assert.Equal(2 / 11.0, type.Observed!.Value, 12); // 2 of 11 present values are not numbers
        Assert.Equal(0.1, type.Threshold);
        // One text value in ten stays within datatype_check_threshold = 0.1 (Model Monitor's test is "above").
        Assert.DoesNotContain(Check(Csv(1, "1,basic\nmany,basic\n3,basic\n4,basic\n5,basic\n6,basic\n7,basic\n8,basic\n9,basic\n10,basic\n", Answers(10))),
            v => v.Check == CheckTypes.DataType);
    }

    [Fact]
    public void Requests_that_do_not_parse_are_dataset_wide_data_type_evidence()
    {
        var violation = Assert.Single(Check(Json(1, "not json at all", Answers(1)), Csv(2, "1,basic\n", Answers(1))));
        Assert.Equal((null, CheckTypes.DataType, 0.5), (violation.Feature, violation.Check, violation.Observed));
        Assert.Contains("1 of 2 requests", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Completeness_below_the_baseline_minus_the_threshold_is_a_completeness_violation()
    {
        var violation = Assert.Single(Check(Csv(1, "1,basic\n2,\n3,\n4,\n", Answers(4))));
        Assert.Equal(("plan", CheckTypes.Completeness), (violation.Feature, violation.Check));
        Assert.Equal((0.25, 0.9), (violation.Observed!.Value, violation.Threshold!.Value), new Tolerance());
    }

    [Fact]
    public void Values_outside_the_baseline_domain_beyond_the_threshold_are_a_categorical_values_violation()
    {
        var violation = Assert.Single(Check(Csv(1, "1,basic\n2,gold\n3,gold\n4,premium\n", Answers(4))));
        Assert.Equal(("plan", CheckTypes.CategoricalValues, 0.5), (violation.Feature, violation.Check, violation.Observed));
        Assert.Contains("'gold'", violation.Description, StringComparison.Ordinal);
    }

    private sealed class Tolerance : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12;
        public int GetHashCode((double, double) value) => 0;
    }
}
