using System.Globalization;
using Flywheel.Server.Workspace;

namespace Flywheel.Ui.Tests;

/// <summary>Money, numbers and dates as each language writes them (no browser needed).</summary>
public sealed class WorkspaceFormatTests
{
    private static readonly CultureInfo Japanese = new("ja");
    private static readonly CultureInfo English = new("en");

    [Theory]
    [InlineData("ja", 1234567.4, "JPY", "¥1,234,567")]
    [InlineData("ja", -2033000, "JPY", "-¥2,033,000")]
    [InlineData("en", -2033000, "JPY", "-¥2,033,000")]
    [InlineData("en", 1234.5, "USD", "$1,234.50")]
    [InlineData("ja", 99.999, "EUR", "€100.00")]
    public void Money_is_written_in_the_languages_pattern(string culture, double amount, string currency, string expected) =>
        Assert.Equal(expected, WorkspaceFormat.Money(amount, currency, new CultureInfo(culture)));

    [Fact]
    public void Dates_and_numbers_follow_the_language()
    {
        var day = new DateOnly(2026, 12, 1);
        Assert.Equal("2026/12/01", WorkspaceFormat.Date(day, Japanese));
        Assert.Equal("12/1/2026", WorkspaceFormat.Date(day, English));
        Assert.Equal("12,345.7", WorkspaceFormat.Number(12345.67, English, 1));
    }
}
