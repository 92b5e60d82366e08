using Flywheel.Evaluation.Decisions;
using Flywheel.UseCases;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class DecisionSettingsTests
{
    private static DecisionSettings Read(string decisionYaml) =>
        DecisionSettings.From(UseCaseLoader.Parse("name: churn\nstatement: s\ndecision:\n" + decisionYaml, "flywheel.yaml").Decision!);

    private static InputException Fails(string decisionYaml) => Assert.Throws<InputException>(() => Read(decisionYaml));

    [Fact]
    public void Reads_the_design_brief_example()
    {
        var settings = Read("""
              volume: 3000 customers/day
              prevalence: 0.014
              outcomes: { tp: -500 JPY, fp: −500 JPY, fn: "-200,000 JPY", tn: 0 }
              review: { cost: 300 JPY, minutes: 3 }
            """);
        Assert.Equal("JPY", settings.Currency);
        Assert.Equal(new BinaryOutcomeValues(-500, -500, -200_000, 0, "JPY"), settings.Binary);
        Assert.Equal(new DecisionOptions(0.014, 3000, new ReviewOptions(300, 3, 7.5)), settings.Options);
    }

    [Fact]
    public void Reads_a_multiclass_matrix_and_regression_costs()
    {
        var settings = Read("""
              volume: 100 items/h
              matrix: [[10 USD, -5 USD], [-20 USD, 30 USD]]
              regression: { under: 120 USD, over: 40 USD }
            """);
        Assert.Equal([10.0, -5.0], settings.Multiclass!.Values[0]);
        Assert.Equal(new RegressionCosts(120, 40, "USD"), settings.Regression);
        Assert.Equal(2400, settings.Options.VolumePerDay);
    }

    [Theory]
    [InlineData("1 item/s", 86400)]
    [InlineData("7 cases/week", 1)]
    [InlineData("365.25 orders/year", 1)]
    [InlineData("30 件/month", 30 * 12 / 365.25)]
    [InlineData("1,500 / day", 1500)]
    [InlineData("120 件/日", 120)]
    [InlineData("10 人/時間", 240)]
    public void Volume_converts_to_items_per_day(string text, double perDay)
    {
        Near(perDay, DecisionText.ParsePerDay(new Positioned<string>(text, new SourcePosition("f", 1, 1)), "decision.volume"));
    }

    [Fact]
    public void Japanese_currency_names_are_the_currency_code()
    {
        var settings = Read("  outcomes: { tp: −500 円, fp: -500 JPY, fn: -200000円, tn: 0 }\n");
        Assert.Equal("JPY", settings.Currency);
        Assert.Equal(-200_000, settings.Binary!.FalseNegative);
    }

    [Fact]
    public void A_word_that_is_no_currency_is_refused()
    {
        Assert.Contains("'potatoes' is not a currency", Fails("  outcomes: { tp: 5 potatoes, fp: 0, fn: 0, tn: 0 }\n").Message);
    }

    [Fact]
    public void A_malformed_amount_names_its_line_and_column()
    {
        var error = Fails("  outcomes: { tp: -500 JPY, fp: lots, fn: -1 JPY, tn: 0 }\n");
        Assert.Equal(4, error.Line);
        Assert.Equal(33, error.Column);
        Assert.Contains("'decision.outcomes.fp' must be an amount", error.Message);
    }

    [Fact]
    public void Mixed_currencies_are_refused_at_the_second_one()
    {
        var error = Fails("  outcomes: { tp: -500 JPY, fp: -5 USD, fn: -1 JPY, tn: 0 }\n");
        Assert.Contains("'decision.outcomes.fp' is in USD but 'decision.outcomes.tp' is in JPY", error.Message);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void A_missing_outcome_is_named()
    {
        Assert.Contains("'tn' is missing", Fails("  outcomes: { tp: -500 JPY, fp: -5 JPY, fn: -1 JPY }\n").Message);
    }

    [Fact]
    public void Costs_must_be_positive_amounts()
    {
        Assert.Contains("is a cost", Fails("  outcomes: { tp: 0, fp: 0, fn: 0, tn: 0 }\n  review: { cost: -300 JPY }\n").Message);
        Assert.Contains("needs 'over'", Fails("  regression: { under: 3 JPY }\n").Message);
    }

    [Fact]
    public void Review_minutes_and_hours_are_checked_where_written()
    {
        var error = Fails("  outcomes: { tp: 0, fp: 0, fn: 0, tn: 0 }\n  review: { cost: 3 JPY, hours_per_day: 0 }\n");
        Assert.Contains("'decision.review.hours_per_day' must be a positive number", error.Message);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void A_volume_without_a_time_unit_is_refused()
    {
        Assert.Contains("count per time", Fails("  volume: 3000\n").Message);
        Assert.Contains("unknown time unit 'fortnight'", Fails("  volume: 3000 items/fortnight\n").Message);
    }

    [Fact]
    public void A_matrix_must_be_square()
    {
        Assert.Contains("must be square", Fails("  matrix: [[1, 2], [3]]\n").Message);
    }
}
