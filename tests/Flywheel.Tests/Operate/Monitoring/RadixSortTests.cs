using Flywheel.Operate.Monitoring.Drift;

namespace Flywheel.Tests.Operate.Monitoring;

/// <summary>The drift columns' radix sort orders numbers as <see cref="Array.Sort(Array)"/> does.</summary>
public class RadixSortTests
{
    public static TheoryData<string> Columns => ["wide", "short decimals", "negative and positive", "one value", "extremes"];

    [Theory]
    [MemberData(nameof(Columns))]
    public void Sorts_a_column_as_array_sort_does(string column)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 50_000).Select(i => column switch
        {
            "wide" => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
            "short decimals" => Math.Round(random.NextDouble() * 100, 1),
            "negative and positive" => random.Next(-500, 500) / 4.0,
            "one value" => 3.25,
            _ => (i % 7) switch
            {
                0 => double.NegativeInfinity, 1 => double.PositiveInfinity, 2 => double.Epsilon, 3 => -double.Epsilon,
                4 => double.MaxValue, 5 => double.MinValue, _ => random.NextDouble(),
            },
        }).ToArray();
        var expected = (double[])values.Clone();
        Array.Sort(expected);

        RadixSort.Sort(values);

        Assert.Equal(expected, values);
    }

    [Fact]
    public void Puts_negative_zero_before_zero_and_keeps_both()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : -1.0).ToArray();

        RadixSort.Sort(values);

        var zeros = values.SkipWhile(v => v < 0).ToArray();
        Assert.Equal(values.Length / 3 * 2 + 1, zeros.Length);
        Assert.All(zeros.Take(3334), v => Assert.True(double.IsNegative(v)));
        Assert.All(zeros.Skip(3334), v => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(v)));
    }

    [Fact]
    public void Sorts_a_short_column_too()
    {
        double[] values = [3, -1, 2.5, 0];

        RadixSort.Sort(values);

        Assert.Equal([-1, 0, 2.5, 3], values);
    }
}
