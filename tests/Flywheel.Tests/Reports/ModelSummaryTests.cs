using Flywheel.Evaluation.Decisions;
using Flywheel.Reports;
using Flywheel.Value;
using Flywheel.Evaluation.Results;

namespace Flywheel.Tests.Reports;

/// <summary>The model page's first section, on hand-made training records and decision reports.</summary>
public class ModelSummaryTests
{
    private static TrialRecord Trial(int number, double auc) =>
        new(number, "LightGbm", new Dictionary<string, double>(), "random", auc, new Dictionary<string, double>(), 1, 7, null);

    private static TrainingRecord Record(EnsembleRecord? ensemble, params TrialRecord[] trials) => new(
        "churn", "binary", "two classes", "churn", "auc", true, "validation split", 7, 20, trials, trials[0].Number,
        ensemble?.Name ?? trials[0].Trainer, new Dictionary<string, double>(), null, null, "data", "split",
        new Dictionary<string, int> { ["train"] = 10, ["validation"] = 5, ["test"] = 5 }, null, null,
        new Dictionary<string, double>(), "5.0", ensemble);

    private static EnsembleRecord Ensemble(double auc) => new("Ensemble of LightGbm#1 + LightGbm#2",
        [new(1, "LightGbm", 0.5, new Dictionary<string, double>()), new(2, "LightGbm", 0.5, new Dictionary<string, double>())],
        auc, new Dictionary<string, double>());

    [Fact]
    public void An_ensemble_that_tops_the_leaderboard_is_better_than_the_best_single_trial_by_its_lead()
    {
        var record = Record(Ensemble(0.9050), Trial(1, 0.9012), Trial(2, 0.8990), Trial(3, 0.8800));
        Assert.Null(record.Leaderboard()[0].Trial);
        // 0.9050 − 0.9012 = 0.0038
        Assert.Equal("2 of 3 trials averaged, better than the best single trial (#1, auc 0.9012) by 0.0038 auc", ModelSummary.TrainerNote(record));
    }

    [Fact]
    public void An_ensemble_ranked_below_a_single_trial_says_it_was_kept_within_the_noise()
    {
        var record = Record(Ensemble(0.8990), Trial(1, 0.9012), Trial(2, 0.8950));
        Assert.Equal(1, record.Leaderboard()[0].Trial);
        var note = ModelSummary.TrainerNote(record);
        Assert.Equal("2 of 2 trials averaged because within one bootstrap standard error of the best single trial (#1, auc 0.9012): auc 0.899; " +
                     "an average is less flattered by selection luck than the best of many trials", note);
        Assert.DoesNotContain("better than", note);
    }

    [Fact]
    public void Lower_is_better_objectives_lead_the_other_way()
    {
        var record = Record(Ensemble(0.30), Trial(1, 0.32), Trial(2, 0.35)) with { Objective = "log_loss", HigherIsBetter = false };
        Assert.Equal("2 of 2 trials averaged, better than the best single trial (#1, log_loss 0.32) by 0.02 log_loss", ModelSummary.TrainerNote(record));
    }

    [Fact]
    public void A_single_model_is_the_best_of_its_trials() =>
        Assert.Equal("best of 2 trials by auc", ModelSummary.TrainerNote(Record(null, Trial(1, 0.9), Trial(2, 0.8))));

    private static DecisionReport Decision(ReviewBand? band = null) => new(
        Kind: "binary", Currency: "JPY", Items: 1000, Threshold: 0.25, ReviewBand: band, ValuePerItem: -2712.4, ValuePerDay: -271_250,
        AutomaticRate: band is null ? 1 : 0.9, ReviewRate: band is null ? 0 : 0.1, ReviewerHoursPerDay: band is null ? null : 0.5,
        ReviewerPeople: band is null ? null : 0.5 / 7.5, ValuePerItemAtHalf: -3100, Prevalence: 0.14, Confusion: null, ReviewedItems: null,
        ValidationValuePerItem: null);

    [Fact]
    public void Money_comes_first_value_per_day_and_per_item_without_review_or_value_added()
    {
        var figures = ModelSummary.MoneyFigures(Decision(), new Dictionary<string, Quantity>());
        Assert.Equal(["Value per day", "Value per item"], figures.Select(f => f.Label));
        Assert.Equal("-271,250 JPY", figures[0].Value);
        Assert.Equal("-2,712 JPY", figures[1].Value);
        Assert.Equal("at threshold 0.25; at 0.5: -3,100 JPY", figures[1].Note);
    }

    [Fact]
    public void Review_staff_and_value_added_show_when_measured()
    {
        var externals = new Dictionary<string, Quantity> { ["decision.value_added_per_day"] = Unit.Parse("JPY/day").Of(12_345) };
        var figures = ModelSummary.MoneyFigures(Decision(new ReviewBand(0.2, 0.25)), externals);
        Assert.Equal(["Value per day", "Value per item", "Value added per day", "Review staff"], figures.Select(f => f.Label));
        Assert.Equal("12,345 JPY", figures[2].Value);
        Assert.Equal("over the best alternative without a model, on test", figures[2].Note);
        // 0.5 reviewer hours a day ÷ 7.5 hours per person = 0.0667 people
        Assert.Equal("0.07 people", figures[3].Value);
        Assert.Equal("0.5 reviewer hours a day; 10% of items reviewed", figures[3].Note);
    }

    [Fact]
    public void No_decision_analysis_no_money_figures() =>
        Assert.Empty(ModelSummary.MoneyFigures(null, new Dictionary<string, Quantity>()));
}
