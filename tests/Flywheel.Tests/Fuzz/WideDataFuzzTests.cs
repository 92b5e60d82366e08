using System.Diagnostics;
using System.Globalization;
using System.Text;
using Flywheel.Data.Diagnosis;

namespace Flywheel.Tests.Fuzz;

/// <summary>5,000 columns × 200 rows: profiled and diagnosed in bounded memory, with the pairwise caps said.</summary>
[Trait("Category", "Fuzz")]
public sealed class WideDataFuzzTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-fuzz-wide-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Five_thousand_columns_diagnose_with_the_caps_reported()
    {
        var path = Path.Combine(_folder, "wide.csv");
        var random = new Random(1);
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, 5000).Select(i => $"c{i}")) + ",y\n");
        for (var row = 0; row < 200; row++)
            text.Append(string.Join(",", Enumerable.Range(0, 5000).Select(_ => random.Next(0, 101).ToString(CultureInfo.InvariantCulture)))).Append(row % 2 == 0 ? ",a\n" : ",b\n");
        File.WriteAllText(path, text.ToString());

        var clock = Stopwatch.StartNew();
        var (profile, report) = DataAnalysis.Diagnose(path, "y");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"took {clock.Elapsed.TotalSeconds:0} s");
        Assert.Equal(5001, profile.Columns.Count);
        Assert.Equal(100, profile.Associations.NumericColumns.Count);
        Assert.Contains(profile.Limits, limit => limit.Contains("the first 100 of 5,000 numeric columns", StringComparison.Ordinal));
        Assert.Contains(report.Findings, finding => finding.Kind == "wide_data");
        // Every column is still measured against the target, and every column has its quartiles.
        Assert.Equal(5000, profile.Associations.WithTarget.Count(a => a.Left.StartsWith('c')));
        Assert.All(profile.Columns.Where(column => column.Name != "y"), column => Assert.InRange(column.Numbers!.Median, 0, 100));
    }
}
