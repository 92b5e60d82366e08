using Flywheel.Reports;
using Flywheel.Value;

namespace Flywheel.Tests.Reports;

/// <summary>Numbers read as numbers in every renderer: expected strings written by hand.</summary>
public class NumberTextTests
{
    [Theory]
    [InlineData(37_850, "37,850")]
    [InlineData(37_850.4, "37,850")]
    [InlineData(1_234_567.8, "1,234,568")]
    [InlineData(123.45, "123.5")] // at or above 100: one decimal
    [InlineData(12.345, "12.35")]
    [InlineData(0.009903, "0.009903")] // four significant digits below 1
    [InlineData(0.00001234, "0.00001234")] // never "1.234E-05"
    [InlineData(-0.5, "-0.5")]
    [InlineData(0, "0")]
    [InlineData(double.NaN, "—")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void Numbers_have_separators_and_no_exponent(double value, string expected) =>
        Assert.Equal(expected, NumberText.Number(value));

    [Fact]
    public void Counts_agree_with_their_nouns()
    {
        Assert.Equal("1 trial", NumberText.Count(1, "trial"));
        Assert.Equal("0 trials", NumberText.Count(0, "trial"));
        Assert.Equal("2 trials", NumberText.Count(2, "trial"));
        Assert.Equal("1,000 rows", NumberText.Count(1000, "row"));
        Assert.Equal("3 people", NumberText.Count(3, "person", "people"));
    }

    [Fact]
    public void Durations_agree_with_their_nouns()
    {
        Assert.Equal("1 year", ValueText.Horizon(365.25));
        Assert.Equal("2 years", ValueText.Horizon(730.5));
        Assert.Equal("1 day", NumberText.Days(1));
        Assert.Equal("1.5 days", NumberText.Days(1.5));
        Assert.Equal("never", NumberText.Days(null));
        // 61 days is 2.0 months: 61 / 30.4375 = 2.004.
        Assert.Equal("61 days (2 months)", NumberText.Days(61));
        Assert.Equal("1,000 days (32.9 months)", NumberText.Days(1000));
    }

    [Fact]
    public void Ratios_read_as_percentages_in_tables_and_in_the_goal_seek()
    {
        Assert.Equal("150 %", NumberText.Percent(1.5));
        Assert.Equal("7,343.6 %", NumberText.Percent(73.436));
        Assert.Equal("—", NumberText.Percent(null));
        Assert.Equal("reach ROI ≥ 150 % at the horizon", new SeekGoal(1.5).Describe());
        var cell = TableCell.Percent(0.253);
        Assert.Equal(("25.3 %", 0.253, CellKind.Percent), (cell.Text, cell.Value!.Value, cell.Kind));
    }

    [Fact]
    public void Money_is_whole_with_separators()
    {
        Assert.Equal("1,234,567 JPY", NumberText.Money(1_234_567.4, "JPY"));
        Assert.Equal("-500 JPY", NumberText.Money(-500.2, "JPY"));
        Assert.Equal("-", NumberText.Money(double.NaN, "JPY"));
        var cell = TableCell.Money(37_850, "JPY");
        Assert.Equal(("37,850 JPY", 37_850.0, "JPY", CellKind.Money), (cell.Text, cell.Value!.Value, cell.Unit, cell.Kind));
    }

    [Fact]
    public void A_tiny_or_huge_figure_in_a_table_cell_reads_as_a_number()
    {
        Assert.Equal("37,850 JPY/day", TableCell.Number(37_850, "JPY/day").Text);
        Assert.Equal("0.0001235", TableCell.Number(0.00012345).Text);
        Assert.Equal("12,345,678", ((TableCell)12_345_678L).Text);
    }
}
