using System.Text.Json;
using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Drift;
using Flywheel.UseCases;
using Flywheel.Workflows.Baselines;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>Model Monitor's statistics.json and constraints.json computed with DuckDB, field by field, and the reference sample's round trip through Parquet.</summary>
public sealed class BaselineTests
{
    private static readonly BaselineColumn[] Columns =
    [
        BaselineColumn.Numeric("calls", [1, 2, 3, 4, double.NaN]),
        BaselineColumn.Numeric("minutes", [0.5, 1.5, -1, 3, 10]),
        BaselineColumn.Text("plan", ["basic", "premium", "basic", null, "basic"]),
    ];

    [Fact]
    public void Statistics_have_model_monitors_fields_and_values()
    {
        var files = ModelMonitorBaseline.Compute(Columns, MonitoringThresholds.Defaults);
        using var statistics = JsonDocument.Parse(files.Statistics);
        var root = statistics.RootElement;
        Assert.Equal(5, root.GetProperty("dataset").GetProperty("item_count").GetInt64());
        var calls = root.GetProperty("features")[0];
        Assert.Equal(("calls", "Integral"), (calls.GetProperty("name").GetString(), calls.GetProperty("inferred_type").GetString()));
        var numbers = calls.GetProperty("numerical_statistics");
        Assert.Equal((4L, 1L), (numbers.GetProperty("common").GetProperty("num_present").GetInt64(), numbers.GetProperty("common").GetProperty("num_missing").GetInt64()));
        Assert.Equal((2.5, 10.0, 1.0, 4.0), (numbers.GetProperty("mean").GetDouble(), numbers.GetProperty("sum").GetDouble(), numbers.GetProperty("min").GetDouble(), numbers.GetProperty("max").GetDouble()));
        Assert.Equal(Math.Sqrt(1.25), numbers.GetProperty("std_dev").GetDouble(), 12); // population: Σ(x − 2.5)² / 4
        var buckets = numbers.GetProperty("distribution").GetProperty("kll").GetProperty("buckets");
        Assert.Equal(10, buckets.GetArrayLength());
        Assert.Equal(4, buckets.EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        Assert.Equal((1.0, 1.3, 1L), (buckets[0].GetProperty("lower_bound").GetDouble(), Math.Round(buckets[0].GetProperty("upper_bound").GetDouble(), 12), buckets[0].GetProperty("count").GetInt64()));
        Assert.Equal(1, buckets[9].GetProperty("count").GetInt64()); // the maximum falls in the last bucket
        Assert.Equal("Fractional", root.GetProperty("features")[1].GetProperty("inferred_type").GetString());

        var plan = root.GetProperty("features")[2].GetProperty("string_statistics");
        Assert.Equal(2, plan.GetProperty("distinct_count").GetInt64());
        var categories = plan.GetProperty("distribution").GetProperty("categorical").GetProperty("buckets");
        Assert.Equal([("basic", 3L), ("premium", 1L)], categories.EnumerateArray().Select(b => (b.GetProperty("value").GetString(), b.GetProperty("count").GetInt64())));
    }

    [Fact]
    public void Constraints_have_completeness_non_negativity_domains_and_the_monitoring_config()
    {
        var files = ModelMonitorBaseline.Compute(Columns, MonitoringThresholds.Defaults);
        var constraints = MonitoringBaseline.ReadConstraints(files.Constraints);

        Assert.Equal([("calls", 0.8, (bool?)true), ("minutes", 1.0, false), ("plan", 0.8, null)], constraints.Select(c => (c.Name, c.Completeness, c.NonNegative)));
        Assert.Equal(["basic", "premium"], constraints[2].Domain!.Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(files.Constraints);
        var config = json.RootElement.GetProperty("monitoring_config");
        Assert.Equal(0.1, config.GetProperty("datatype_check_threshold").GetDouble());
        Assert.Equal(0.1, config.GetProperty("domain_content_threshold").GetDouble());
        Assert.Equal(0.1, config.GetProperty("distribution_constraints").GetProperty("comparison_threshold").GetDouble());
        Assert.Equal(files.Constraints, ModelMonitorBaseline.Compute(Columns, MonitoringThresholds.Defaults).Constraints); // same data → same bytes
    }

    [Fact]
    public void The_reference_sample_round_trips_through_parquet_and_a_sample_is_seeded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flywheel-reference-test-{Guid.NewGuid():N}.parquet");
        try
        {
            File.WriteAllBytes(path, ModelMonitorBaseline.Parquet(Columns, [0, 2, 4]));
            var (columns, rows) = MonitoringBaseline.ReadReference(path);

            Assert.Equal(3, rows);
            var calls = Assert.IsType<ColumnSample.Numeric>(columns["calls"]).Values;
            Assert.Equal(1.0, calls[0]);
            Assert.True(double.IsNaN(calls[2]));
            Assert.Equal("basic|basic|basic", string.Join("|", Assert.IsType<ColumnSample.Categorical>(columns["plan"]).Values));
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(PackageBaseline.Sample(1000, 10, 3), PackageBaseline.Sample(1000, 10, 3));
        Assert.Equal(10, PackageBaseline.Sample(1000, 10, 3).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 5), PackageBaseline.Sample(5, 10, 3));
    }
}
