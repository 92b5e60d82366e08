using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Evaluation.Decisions;
using Flywheel.Operate.Production;
using Flywheel.Operate.Retraining;
using Flywheel.UseCases;

namespace Flywheel.Tests.Operate.Retraining;

public class RetrainingMathTests
{
    private static readonly BinaryOutcomeValues Churn = new(-500, -500, -200_000, 0, "JPY");

    [Fact]
    public void Value_per_day_added_is_the_hand_computed_difference_and_its_interval_holds_it()
    {
        // Two leavers and two stayers. The champion misses a leaver (fn −200,000) and offers a stayer (fp −500);
        // the challenger offers both leavers (tp −500 each) and no stayer.
        bool[] labels = [true, true, false, false];
        BinaryDecision[] champion = [BinaryDecision.Negative, BinaryDecision.Positive, BinaryDecision.Positive, BinaryDecision.Negative];
        BinaryDecision[] challenger = [BinaryDecision.Positive, BinaryDecision.Positive, BinaryDecision.Negative, BinaryDecision.Negative];
        var value = ChallengerValue.Compare(BinaryPricing.Price(labels, champion, Churn, DecisionOptions.Default),
            BinaryPricing.Price(labels, challenger, Churn, DecisionOptions.Default), "JPY", 100, seed: 7);

        Assert.Equal(-201_000 / 4.0, value.ChampionPerItem, 9);   // (−200,000 − 500 − 500 + 0) / 4
        Assert.Equal(-1_000 / 4.0, value.ChallengerPerItem, 9);   // (−500 − 500 + 0 + 0) / 4
        Assert.Equal(50_000, value.PerItemAdded, 9);
        Assert.Equal(5_000_000, value.PerDayAdded!.Value, 6);      // × 100 customers/day
        Assert.Equal(-5_025_000, value.ChampionPerDay!.Value, 6);
        var interval = value.PerDayInterval95!;
        Assert.True(interval[0] <= value.PerDayAdded && value.PerDayAdded <= interval[1], $"{interval[0]}..{interval[1]}");
        // The difference per resample is 50,000 × (missed leavers drawn) ≥ 0: the interval never goes below zero.
        Assert.True(interval[0] >= 0);
        Assert.Equal(interval, ChallengerValue.Compare(BinaryPricing.Price(labels, champion, Churn, DecisionOptions.Default),
            BinaryPricing.Price(labels, challenger, Churn, DecisionOptions.Default), "JPY", 100, seed: 7).PerDayInterval95);
    }

    [Fact]
    public void The_paired_interval_of_identical_decisions_is_zero()
    {
        bool[] labels = [true, false, true, false, false];
        BinaryDecision[] same = [BinaryDecision.Positive, BinaryDecision.Negative, BinaryDecision.Negative, BinaryDecision.Positive, BinaryDecision.Negative];
        var value = ChallengerValue.Compare(BinaryPricing.Price(labels, same, Churn, DecisionOptions.Default), BinaryPricing.Price(labels, same, Churn, DecisionOptions.Default), "JPY", null, 1);
        Assert.Equal([0.0, 0.0], value.PerItemInterval95);
        Assert.Null(value.PerDayAdded);
        Assert.False(value.ChallengerPaysMore);
    }

    [Fact]
    public void The_holdout_is_the_most_recent_rows_and_disjoint_from_the_rows_trained_on()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 10).Select(i => new ProductionRow($"inf-{i}", 0, start.AddHours(i), "churn:1", i % 2 == 0 ? "yes" : "no",
            LabelSources.GroundTruth, [i], [])).ToList();
        var dataset = new ProductionDataset("churn", "churn", [new ProductionColumn("x", true)], rows, null, null, new ProductionSkips(0, 0, 0, 0));

        var (holdout, earlier) = ProductionHoldout.Split(dataset, new ProductionSource(null, null, 0.2, 3));
        Assert.Equal(["inf-7", "inf-8", "inf-9"], holdout.Rows.Select(r => r.InferenceId));   // max(3, ⌈0.2 × 10⌉ = 2)
        Assert.Equal(7, earlier.Rows.Count);
        Assert.Empty(holdout.Rows.Select(r => r.InferenceId).Intersect(earlier.Rows.Select(r => r.InferenceId)));
        Assert.True(earlier.Rows.Max(r => r.InferenceTime) < holdout.Rows.Min(r => r.InferenceTime));
        Assert.Equal(5, ProductionHoldout.Split(dataset, new ProductionSource(null, null, 0.45, 3)).Holdout.Rows.Count);   // ⌈4.5⌉

        var error = Assert.Throws<InputException>(() => ProductionHoldout.Split(dataset, new ProductionSource(null, null, 0.2, 11)));
        Assert.Contains("min_holdout", error.Message);
    }

    [Fact]
    public void Appended_rows_keep_the_source_split_and_never_reach_the_test_split()
    {
        var source = Table(100, 0);
        var extra = Table(20, 1000);
        var combined = AppendedRows.Append(source, extra);
        Assert.Equal(120, combined.RowCount);
        Assert.Equal(1000, combined.Get("x", "test").Number(100));

        var settings = new SplitSettings(new SplitFractions(0.7, 0.15, 0.15), 11, SplitStrategy.Random, null);
        var alone = Splitter.Assign(settings, SplitKeys.ForRows(100), "fp");
        var split = AppendedRows.Split(combined, 20, settings, "fp", null);
        Assert.Equal(alone.Rows, split.Rows.Take(100));
        var appended = split.Rows.Skip(100).ToList();
        Assert.DoesNotContain(SplitName.Test, appended);
        Assert.Equal(16, appended.Count(s => s == SplitName.Train));   // 20 × 0.7 / 0.85 = 16.47, 3.53 → the remainder goes to validation
        Assert.Equal(split.Rows, AppendedRows.Split(combined, 20, settings, "fp", null).Rows);
    }

    private static ColumnTable Table(int rows, int offset) => new([
        TableColumn.Numeric("x", Enumerable.Range(offset, rows).Select(i => (double)i).ToArray()),
        TableColumn.Text("y", ColumnKind.Categorical, Enumerable.Range(0, rows).Select(i => (string?)(i % 3 == 0 ? "yes" : "no")).ToArray()),
    ]);
}
