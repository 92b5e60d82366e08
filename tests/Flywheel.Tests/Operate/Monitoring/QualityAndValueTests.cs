using Flywheel.Evaluation.Decisions;
using Flywheel.Operate.Monitoring.Quality;
using Flywheel.Storage;
using static Flywheel.Tests.Operate.Monitoring.MonitoringFixtures;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>Labels joined to the window's rows, model quality and realized value pinned by hand on small labelled windows.</summary>
public sealed class QualityAndValueTests
{
    // TP (yes, 0.9), FP (no, 0.7), FN (yes, 0.2), TN (no, 0.1).
    private static readonly Flywheel.Operate.Capture.CapturedRecord[] Four =
    [
        Csv(1, "1,basic\n", Answer(("yes", 0.9, "automatic")), "yes", minutes: 10),
        Csv(2, "2,basic\n", Answer(("yes", 0.7, "automatic")), "no", minutes: 20),
        Csv(3, "3,basic\n", Answer(("no", 0.2, "automatic")), "yes", minutes: 70),
        Csv(4, "4,basic\n", Answer(("no", 0.1, "automatic")), "no", minutes: 80),
    ];

    private static readonly DecisionSettings Prices = new("JPY", new BinaryOutcomeValues(1000, -500, -2000, 0, "JPY"), null, null,
        new DecisionOptions(Prevalence: 0.3, VolumePerDay: 100, Review: new ReviewOptions(300, 5)));

    [Fact]
    public void Ground_truth_wins_over_a_persons_label_and_a_review_label_over_feedback()
    {
        var window = Decode(
            Csv(1, "1,basic\n", Answer(("yes", 0.9, "automatic")), truth: "no"),
            Csv(2, "2,basic\n", Answer(("yes", 0.45, "review"))),
            Csv(3, "3,basic\n", Answer(("no", 0.3, "automatic"))),
            Csv(4, "4,basic\n5,basic\n", Answer(("no", 0.1, "automatic"), ("yes", 0.8, "automatic")), truth: "no\nyes"));
        var human = new[]
        {
            new HumanLabel("churn", "inf-1", "yes", "review", Start, "rita"),
            new HumanLabel("churn", "inf-2", "no", "feedback", Start, "user"),
            new HumanLabel("churn", "inf-2", "yes", "review", Start, "rita"),
        };

        var labelled = LabelledRows.Join(window, human);

        Assert.Equal([0, 1, 3, 4], labelled.Rows); // row 2 has no label; a two-row request takes a two-line ground truth
        Assert.Equal(["no", "yes", "no", "yes"], labelled.Labels);
        Assert.Equal(["ground_truth", "review", "ground_truth", "ground_truth"], labelled.Sources);
    }

    [Fact]
    public void Quality_uses_the_training_catalog_on_the_labelled_rows()
    {
        var labelled = LabelledRows.Join(Decode(Four), []);

        var quality = ModelQuality.Measure(Spec, labelled, new Dictionary<string, double> { ["auc"] = 0.9 }, Start, Start.AddDays(1), 1)!;

        Assert.Equal(4, quality.Rows);
        Assert.Equal(0.5, quality.Metrics["accuracy"], 12);
        Assert.Equal(0.5, quality.Metrics["precision"], 12);
        Assert.Equal(0.5, quality.Metrics["recall"], 12);
        Assert.Equal(0.5, quality.Metrics["f1"], 12);
        Assert.Equal(0.75, quality.Metrics["auc"], 12); // positives {0.9, 0.2} over negatives {0.7, 0.1}: 3 of 4 pairs
        Assert.Null(quality.StandardDeviations); // fewer than 200 rows
        Assert.Equal(0.9, quality.Expected["auc"]);
        Assert.Equal(TimeSpan.FromHours(1), quality.Interval);
    }

    [Fact]
    public void Threshold_metrics_are_at_the_catalogs_threshold_as_the_test_split_measured_them_not_at_the_policys()
    {
        // A policy threshold of 0.15 would call the 0.2 row a churner (accuracy 0.75); the test split's expected
        // values are measured at 0.5, so production quality must be too, or the quality check compares two thresholds.
        var spec = Spec with { Policy = Spec.Policy with { Threshold = 0.15 } };
        var labelled = LabelledRows.Join(Decode(Four), []);

        var quality = ModelQuality.Measure(spec, labelled, new Dictionary<string, double>(), Start, Start.AddDays(1), 1)!;

        Assert.Equal(0.5, quality.Metrics["accuracy"], 12);
        Assert.Equal(0.5, quality.Metrics["recall"], 12);
    }

    [Fact]
    public void Quality_over_time_is_hourly_for_a_short_window_and_daily_for_a_long_one()
    {
        var labelled = LabelledRows.Join(Decode(Four), []);

        var hourly = ModelQuality.OverTime(Spec, labelled, Start, Start.AddDays(1));
        Assert.Equal([(Start, 2L), (Start.AddHours(1), 2L)], hourly.Select(p => (p.From, p.Rows)));
        Assert.Equal(1.0, hourly[0].Metrics["recall"]); // the TP and the FP in the first hour
        Assert.Equal(TimeSpan.FromDays(1), ModelQuality.Interval(Start, Start.AddDays(3)));
        Assert.Single(ModelQuality.OverTime(Spec, labelled, Start, Start.AddDays(3)));
    }

    [Fact]
    public void Bootstrap_standard_deviations_appear_from_200_rows_and_repeat_with_the_seed()
    {
        var records = Enumerable.Range(0, 200).Select(i => Csv(i, $"{i},basic\n", Answer((i % 3 == 0 ? "yes" : "no", (i % 10) / 10.0, "automatic")), i % 2 == 0 ? "yes" : "no")).ToArray();
        var labelled = LabelledRows.Join(Decode(records), []);

        var first = ModelQuality.Measure(Spec, labelled, new Dictionary<string, double>(), Start, Start.AddDays(1), 7)!;
        var again = ModelQuality.Measure(Spec, labelled, new Dictionary<string, double>(), Start, Start.AddDays(1), 7)!;

        Assert.NotNull(first.StandardDeviations);
        Assert.InRange(first.StandardDeviations!["accuracy"], 0.01, 0.1); // ≈ √(p(1−p)/n) = 0.035 for p ≈ 0.5
        Assert.Equal(first.StandardDeviations, again.StandardDeviations);
    }

    [Fact]
    public void Realized_value_prices_actual_outcomes_with_reviews_at_their_cost_per_item_and_per_day()
    {
        var records = Four.Append(Csv(5, "5,basic\n", Answer(("no", 0.45, "review")), "yes", minutes: 1500)).ToArray();
        var labelled = LabelledRows.Join(Decode(records), []);
        var promised = new DecisionReport("binary", "JPY", 750, 0.5, null, -100, -10_000, 1, 0, null, null, null, null, null, null, null);

        var value = RealizedValues.Measure(Spec, Prices, labelled, promised, rowsPerDay: 5)!;

        // TP 1000 + FP −500 + FN −2000 + TN 0 + reviewed leaver (1000 − 300) = −800 over 5 items; no prevalence re-weighting.
        Assert.Equal(-160, value.PerItem, 9);
        Assert.Equal(-16_000, value.PerDay, 9); // at decision.volume = 100 a day
        Assert.Equal((-100.0, -10_000.0, "JPY", 5L), (value.PromisedPerItem, value.PromisedPerDay, value.Currency, value.Items));

        var days = RealizedValues.PerDay(Spec, Prices, labelled, 5);
        Assert.Equal([(new DateOnly(2026, 12, 1), 4L, -375.0), (new DateOnly(2026, 12, 2), 1L, 700.0)], days.Select(d => (d.Day, d.Items, d.PerItem)));
    }

    [Fact]
    public void No_labelled_row_means_no_quality_and_no_value()
    {
        var labelled = LabelledRows.Join(Decode(Csv(1, "1,basic\n", Answer(("yes", 0.9, "automatic")))), []);

        Assert.Equal(0, labelled.Count);
        Assert.Null(ModelQuality.Measure(Spec, labelled, new Dictionary<string, double>(), Start, Start.AddDays(1), 1));
        Assert.Null(RealizedValues.Measure(Spec, Prices, labelled, null, 1));
    }
}
