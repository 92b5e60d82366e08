using System.Text.Json;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Operate.Simulation;

namespace Flywheel.Tests.Operate.Simulation;

/// <summary>The simulated traffic on a 10-row table: a number, a category (2 of 10 rows "b"), and the label.</summary>
public sealed class TrafficTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly ColumnTable Table = new([
        TableColumn.Numeric("minutes", [10, 20, 30, 40, 50, 60, 70, 80, 90, double.NaN]),
        TableColumn.Text("plan", ColumnKind.Categorical, ["a", "a", "b", "a", "a", "b", "a", "a", "a", "a"]),
        TableColumn.Text("churn", ColumnKind.Categorical, ["no", "yes", "no", "no", "yes", "no", "no", "no", "no", null]),
    ]);

    private static IReadOnlyList<TableColumn> Features => Table.Columns.Take(2).ToList();

    [Theory]
    [InlineData(5, 3, new[] { 0, 0, 1 / 3.0, 2 / 3.0, 1 })]
    [InlineData(4, 1, new[] { 0.25, 0.5, 0.75, 1 })]
    [InlineData(1, 1, new[] { 1.0 })]
    public void Drifts_grow_evenly_from_the_first_drifted_day_to_full_strength_on_the_last(int days, int from, double[] expected)
    {
        var settings = new SimulationSettings { Days = days, DriftFrom = from };
        Assert.Equal(expected, Enumerable.Range(1, days).Select(settings.Intensity), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void The_default_first_drifted_day_is_the_second_half() =>
        Assert.Equal(16, new SimulationSettings { Days = 30 }.FirstDriftedDay);

    [Fact]
    public void A_scale_multiplies_and_a_shift_adds_in_proportion_to_the_intensity()
    {
        var scale = DriftSpec.Parse("minutes=*1.5", Features, "--drift");
        var shift = DriftSpec.Parse("minutes=-12", Features, "--drift");
        Assert.Equal(DriftKind.Scale, scale.Kind);
        Assert.Equal(125, scale.Apply(100, 0.5), 12);
        Assert.Equal(150, scale.Apply(100, 1), 12);
        Assert.Equal(94, shift.Apply(100, 0.5), 12);
        Assert.True(double.IsNaN(scale.Apply(double.NaN, 1)));
        var share = DriftSpec.Parse("plan=b:0.8", Features, "--drift");
        Assert.Equal(("b", 0.8), (share.Level, share.Amount));
        Assert.Equal(0.5, share.ShareAt(0.2, 0.5), 12); // 0.2 + (0.8 − 0.2) × 0.5
    }

    [Theory]
    [InlineData("3d", 72 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    [InlineData("0", 0)]
    public void A_label_delay_reads_days_hours_minutes_or_zero(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SimulationSettings.ParseDelay(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("-1d")]
    [InlineData("d")]
    public void A_label_delay_that_is_not_one_is_null(string text) => Assert.Null(SimulationSettings.ParseDelay(text));

    [Fact]
    public void Each_day_has_its_requests_in_time_order_labelled_by_the_share_and_no_label_column_in_the_body()
    {
        var settings = new SimulationSettings { Days = 3, PerDay = 8, LabelShare = 0.3, LabelDelay = TimeSpan.FromHours(30), Seed = 4, Until = Until };
        var days = new Traffic(Table, "churn", settings).Days().ToList();
        Assert.Equal([1, 2, 3], days.Select(d => d.Day));
        foreach (var day in days)
        {
            Assert.Equal(Until.AddDays(day.Day - 4), day.From);
            Assert.Equal(8, day.Requests.Count);
            Assert.All(day.Requests, r => Assert.InRange(r.Time, day.From, day.To.AddTicks(-1)));
            Assert.Equal(day.Requests.OrderBy(r => r.Time).Select(r => r.InferenceId), day.Requests.Select(r => r.InferenceId));
            Assert.Equal(2, day.Requests.Count(r => r.LabelDue is not null)); // round(0.3 × 8) = 2
            Assert.All(day.Requests.Where(r => r.LabelDue is not null), r => Assert.Equal(r.Time.AddHours(30), r.LabelDue));
            foreach (var request in day.Requests)
            {
                var row = JsonDocument.Parse(request.Body).RootElement.GetProperty("instances")[0];
                Assert.Equal(["minutes", "plan"], row.EnumerateObject().Select(p => p.Name));
                Assert.NotEqual(JsonValueKind.Null, row.GetProperty("minutes").ValueKind); // the unlabelled row 10 (minutes missing) is never drawn
                Assert.Contains(request.Outcome, new[] { "yes", "no" });
            }
        }
        Assert.Equal(24, days.SelectMany(d => d.Requests).Select(r => r.InferenceId).Distinct().Count());
    }

    [Fact]
    public void A_share_drift_gives_the_level_its_share_in_whole_rows_and_a_scale_drift_moves_the_mean_exactly()
    {
        var features = Features;
        var settings = new SimulationSettings { Days = 2, PerDay = 20, DriftFrom = 2, Seed = 9, Until = Until };
        var drifted = settings with { Drifts = [DriftSpec.Parse("plan=b:0.75", features, "--drift"), DriftSpec.Parse("minutes=*2", features, "--drift")] };
        var plain = new Traffic(Table, "churn", settings).Days().ToList();
        var moved = new Traffic(Table, "churn", drifted).Days().ToList();

        // Day 1 is before the drift: the same bodies. Day 2 at full strength: 15 of 20 rows "b", every minute doubled.
        Assert.Equal(plain[0].Requests.Select(r => r.Body), moved[0].Requests.Select(r => r.Body));
        var rows = moved[1].Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("instances")[0]).ToList();
        var before = plain[1].Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("instances")[0]).ToList();
        Assert.Equal(15, rows.Count(r => r.GetProperty("plan").GetString() == "b"));
        Assert.Equal(before.Select(r => 2 * r.GetProperty("minutes").GetDouble()), rows.Select(r => r.GetProperty("minutes").GetDouble()));
        Assert.Equal(0.75, moved[1].DriftedValues["plan"], 12);
        Assert.Equal(2 * before.Average(r => r.GetProperty("minutes").GetDouble()), moved[1].DriftedValues["minutes"], 9);
    }

    [Fact]
    public void A_share_below_the_natural_one_moves_rows_off_the_level()
    {
        var settings = new SimulationSettings { Days = 1, PerDay = 40, DriftFrom = 1, Seed = 2, Until = Until,
            Drifts = [DriftSpec.Parse("plan=b:0", Features, "--drift")] };
        var day = new Traffic(Table, "churn", settings).Days().Single();
        Assert.All(day.Requests, r => Assert.Equal("a", JsonDocument.Parse(r.Body).RootElement.GetProperty("instances")[0].GetProperty("plan").GetString()));
    }

    [Fact]
    public void The_same_seed_and_end_draw_the_same_traffic_and_another_end_other_ids()
    {
        var settings = new SimulationSettings { Days = 2, PerDay = 5, Seed = 3, Until = Until };
        var first = new Traffic(Table, "churn", settings).Days().SelectMany(d => d.Requests).ToList();
        var again = new Traffic(Table, "churn", settings).Days().SelectMany(d => d.Requests).ToList();
        var later = new Traffic(Table, "churn", settings with { Until = Until.AddHours(1) }).Days().SelectMany(d => d.Requests).ToList();
        Assert.Equal(first, again);
        Assert.Empty(first.Select(r => r.InferenceId).Intersect(later.Select(r => r.InferenceId)));
    }

    [Theory]
    [InlineData("minutes", "not a drift")]
    [InlineData("=*2", "not a drift")]
    [InlineData("churn=yes:0.5", "not a feature")]
    [InlineData("minutes=+", "is numeric")]
    [InlineData("plan=+1", "is categorical")]
    [InlineData("plan=c:0.5", "no level 'c'")]
    [InlineData("plan=b:-0.1", "from 0 to 1")]
    public void A_bad_drift_names_the_field(string text, string message)
    {
        var error = Assert.Throws<InputException>(() => DriftSpec.Parse(text, Features, "--drift"));
        Assert.Equal("--drift", error.File);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void One_feature_drifted_twice_is_refused()
    {
        var settings = new SimulationSettings { Drifts = [DriftSpec.Parse("minutes=*2", Features, "--drift"), DriftSpec.Parse("minutes=+1", Features, "--drift")] };
        var error = Assert.Throws<InputException>(() => settings.Check(new SimulationFields()));
        Assert.Contains("drifted twice", error.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
