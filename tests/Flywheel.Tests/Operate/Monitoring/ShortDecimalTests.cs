using System.Globalization;
using Flywheel.Data.Sources;
using Flywheel.Operate.Monitoring.Windows;
using static Flywheel.Tests.Operate.Monitoring.MonitoringFixtures;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>The decoder's hand parser gives the double the full parser gives, or leaves the field to it.</summary>
public sealed class ShortDecimalTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0.0")]
    [InlineData("+7")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-.25")]
    [InlineData("007.50")]
    [InlineData("0.1442")]
    [InlineData("119727.0")]
    [InlineData("9007199254740992")]
    [InlineData("0.3000000000000000")]
    [InlineData("123456789.012345")]
    public void Parses_what_double_parse_gives(string text)
    {
        Assert.True(ShortDecimal.TryParse(text, '.', out var value));
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e3")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("9007199254740993")]       // above 2^53: not exact as an integer
    [InlineData("12345678901234567890")]   // 20 digits
    [InlineData("0.0000000000000000000001")]
    [InlineData("basic")]
    public void Leaves_anything_else_to_the_full_parser(string text) => Assert.False(ShortDecimal.TryParse(text, '.', out _));

    [Fact]
    public void Random_short_decimals_parse_to_the_same_bits()
    {
        var random = new Random(11);
        for (var n = 0; n < 200_000; n++)
        {
            var digits = random.Next(1, 17);
            var whole = random.NextInt64(0, (long)Math.Pow(10, digits));
            var text = whole.ToString(CultureInfo.InvariantCulture);
            var decimals = random.Next(0, Math.Min(digits, 15) + 1);
            if (decimals > 0)
            {
                var padded = text.PadLeft(decimals + 1, '0');
                text = padded[..^decimals] + "." + padded[^decimals..];
            }
            if (random.Next(3) == 0) text = "-" + text;
            var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!ShortDecimal.TryParse(text, '.', out var value)) continue;
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), text);
        }
    }

    [Fact]
    public void Parses_with_the_dialects_decimal_comma()
    {
        Assert.True(ShortDecimal.TryParse("-12,75", ',', out var value));
        Assert.Equal(-12.75, value);
        Assert.False(ShortDecimal.TryParse("12.75", ',', out _));
    }

    [Fact]
    public void A_missing_token_that_looks_like_a_number_stays_missing_and_other_numbers_still_go_through_the_full_parser()
    {
        var spec = Spec with { Dialect = CsvDialect.Legacy with { Missing = ["", "NA", "-1"] } };
        var window = WindowDecoder.Decode(spec,
        [
            Csv(1, "-1,basic\n 2.5 ,basic\n1e2,basic\nNA,basic\nlots,basic\n0.125,basic\n", Answer(
                ("no", 0.1, "automatic"), ("no", 0.2, "automatic"), ("no", 0.3, "automatic"),
                ("no", 0.4, "automatic"), ("no", 0.5, "automatic"), ("no", 0.6, "automatic"))),
        ]);

        var x = window.Numbers[0]!;
        Assert.True(double.IsNaN(x[0]));   // the dialect's "-1" means missing
        Assert.Equal(2.5, x[1]);            // spaces: the full parser trims
        Assert.Equal(100, x[2]);            // an exponent
        Assert.True(double.IsNaN(x[3]) && double.IsNaN(x[4]));
        Assert.Equal(0.125, x[5]);
        Assert.Equal([2L, 0L], window.Evidence.Missing);
        Assert.Equal([1L, 0L], window.Evidence.TypeErrors); // "lots"
    }
}
