using System.Text;
using Flywheel.Data.Diagnosis;
using Flywheel.Data.Diagnosis.Rules;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;

namespace Flywheel.Tests.Data.Diagnosis;

/// <summary>
/// Findings a newcomer should not see: an outlier side with no rows, and "imbalance" for classes that are only
/// unequal because there are more than two of them. The boundaries of the relative imbalance rule are pinned.
/// </summary>
public class DiagnosisNoiseTests
{
    private static IReadOnlyList<Finding> Diagnose(string csv, string target)
    {
        using var folder = new TempFolder();
        using var source = DataSource.Open(folder.Write("d.csv", csv), target);
        return Diagnoser.Diagnose(Profiler.Profile(source)).Findings;
    }

    /// <summary>100 rows of label counts in order: counts [13, 43, 44] gives 13 'a', 43 'b', 44 'c'.</summary>
    private static string Labels(params int[] counts)
    {
        var text = new StringBuilder("x,label\n");
        var row = 0;
        for (var label = 0; label < counts.Length; label++)
        {
            for (var i = 0; i < counts[label]; i++) text.Append(row++ % 7).Append(',').Append((char)('a' + label)).Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void An_outlier_on_one_side_does_not_mention_the_empty_side()
    {
        var outliers = Diagnose("x,y\n1,10\n2,11\n3,12\n4,13\n100,500\n", "y").Where(f => f.Kind == "outliers").ToDictionary(f => f.Columns[0]);
        Assert.Equal("x: 1 row above 7", outliers["x"].Message);
        Assert.Equal("y (target): 1 row above 16", outliers["y"].Message);
        Assert.DoesNotContain(outliers.Values, finding => finding.Message.Contains("below", StringComparison.Ordinal));
    }

    [Fact]
    public void Outliers_on_both_sides_name_both()
    {
        // -100 1 2 3 4 100: Q1 = 1.25, Q3 = 3.75, IQR 2.5, fences -2.5 and 7.5.
        var finding = Diagnose("x,y\n-100,a\n1,b\n2,a\n3,b\n4,a\n100,b\n", "y").Single(f => f.Kind == "outliers");
        Assert.Equal("x: 1 row below -2.5 and 1 row above 7.5", finding.Message);
    }

    [Theory]
    [InlineData(new[] { 20, 40, 40 }, null)]        // three classes at 20%: 0.2 × 3 = 0.6 of the balanced share
    [InlineData(new[] { 14, 43, 43 }, null)]        // 0.42
    [InlineData(new[] { 13, 43, 44 }, Severity.Warning)] // 0.39 < 0.4
    [InlineData(new[] { 3, 48, 49 }, Severity.Critical)]  // 0.09 < 0.1
    [InlineData(new[] { 20, 80 }, null)]            // two classes: exactly 0.4, the old 20% line
    [InlineData(new[] { 19, 81 }, Severity.Warning)]
    [InlineData(new[] { 5, 95 }, Severity.Warning)]  // exactly 0.1: not yet critical
    [InlineData(new[] { 4, 96 }, Severity.Critical)]
    [InlineData(new[] { 10, 30, 30, 30 }, null)]    // four classes: 10% is exactly 0.4
    [InlineData(new[] { 9, 30, 30, 31 }, Severity.Warning)]
    public void Imbalance_is_judged_against_the_balanced_share_of_the_classes(int[] counts, Severity? expected)
    {
        var finding = Diagnose(Labels(counts), "label").SingleOrDefault(f => f.Kind == "imbalance");
        Assert.Equal(expected, finding?.Severity);
        if (finding is null) return;
        Assert.Equal(counts.Length, finding.Evidence["classes"]);
        Assert.Equal(Math.Round((double)counts.Min() * counts.Length / 100, 4), (double)finding.Evidence["ratio"]!, 12);
        Assert.Contains($"against {Math.Round(100.0 / counts.Length, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)}% if the {counts.Length} classes were balanced", finding.Message);
    }

    [Fact]
    public void The_default_threshold_is_documented_as_a_ratio_to_the_balanced_share()
    {
        Assert.Equal(0.4, ClassBalanceRules.Imbalance.DefaultThreshold);
        Assert.Contains("balanced share", ClassBalanceRules.Imbalance.Description);
    }
}
