using System.Globalization;
using System.Text;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;

namespace Flywheel.Tests.Data.Profiling;

/// <summary>The bin-and-pick quartiles agree with DuckDB's quantile_cont (numpy's linear definition) on varied data.</summary>
public class ExactQuantilesTests
{
    [Theory]
    [InlineData(1, 7, false)]
    [InlineData(2, 500, false)]
    [InlineData(3, 5000, true)]
    [InlineData(4, 2, false)]
    [InlineData(5, 3000, true)]
    [InlineData(6, 20000, false)]
    public void Quartiles_match_quantile_cont(int seed, int rows, bool heavyTies)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("x,skewed\n");
        for (var i = 0; i < rows; i++)
        {
            var x = heavyTies ? random.Next(0, 4) : Math.Round(random.NextDouble() * 200 - 100, 3);
            var skewed = i % 10 == 0 ? "" : Math.Round(Math.Exp(random.NextDouble() * 12), 2).ToString(CultureInfo.InvariantCulture);
            csv.Append(x.ToString(CultureInfo.InvariantCulture)).Append(',').Append(skewed).Append('\n');
        }
        using var folder = new TempFolder();
        using var source = DataSource.Open(folder.Write("q.csv", csv.ToString()));
        var profile = Profiler.Profile(source);
        foreach (var name in new[] { "x", "skewed" })
        {
            var expected = source.Query($"SELECT quantile_cont(CAST(\"{name}\" AS DOUBLE), [0.25, 0.5, 0.75]) FROM source",
                reader => ((System.Collections.IEnumerable)reader.GetValue(0)).Cast<object>().Select(Convert.ToDouble).ToArray()).Single();
            var numbers = profile.Column(name).Numbers!;
            Assert.Equal(expected[0], numbers.Q1, 9);
            Assert.Equal(expected[1], numbers.Median, 9);
            Assert.Equal(expected[2], numbers.Q3, 9);
            Assert.Equal(profile.Column(name).Present, profile.Column(name).Histogram!.Bins.Sum(bin => bin.Count));
            string Count(string condition) => $"SELECT count(*) FROM source WHERE CAST(\"{name}\" AS DOUBLE) {condition}";
            Assert.Equal(source.Scalar<long>(Count($"< {numbers.LowerFence.ToString("R", CultureInfo.InvariantCulture)}")), numbers.BelowFence);
            Assert.Equal(source.Scalar<long>(Count($"> {numbers.UpperFence.ToString("R", CultureInfo.InvariantCulture)}")), numbers.AboveFence);
            Assert.Equal(source.Scalar<long>(Count($"= {numbers.Median.ToString("R", CultureInfo.InvariantCulture)}")), numbers.AtMedian);
        }
    }
}
