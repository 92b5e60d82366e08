using System.Text;
using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;
using Flywheel.Data.Readiness;
using Flywheel.Data.Sources;
using Flywheel.UseCases;

namespace Flywheel.Tests.Data.Diagnosis;

/// <summary>Each rule on a small file built to trigger it (and to show where it stays quiet).</summary>
public class DiagnosisRuleTests
{
    private static DiagnosisReport Diagnose(string csv, string? target = null, DiagnosisOptions? options = null)
    {
        using var folder = new TempFolder();
        using var source = DataSource.Open(folder.Write("d.csv", csv), target);
        return Diagnoser.Diagnose(Profiler.Profile(source), options);
    }

    private static string Rows(int count, Func<int, string> row, string header)
    {
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < count; i++) text.Append(row(i)).Append('\n');
        return text.ToString();
    }

    [Fact]
    public void Missing_above_threshold_is_critical_below_is_reported_with_share()
    {
        var csv = Rows(10, i => $"{i},{(i < 6 ? "" : "x")},{(i == 0 ? "" : "1" + i)}", "id,mostly_empty,one_gap");
        var findings = Diagnose(csv).Findings.Where(finding => finding.Kind == "missing").ToList();
        var mostly = findings.Single(finding => finding.Columns[0] == "mostly_empty");
        Assert.Equal(Severity.Critical, mostly.Severity);
        Assert.Equal(0.6, (double)mostly.Evidence["fraction"]!, 12);
        var gap = findings.Single(finding => finding.Columns[0] == "one_gap");
        Assert.Equal(Severity.Warning, gap.Severity);
        Assert.Equal(0.1, (double)gap.Evidence["fraction"]!, 12);
    }

    [Fact]
    public void Missing_threshold_is_configurable()
    {
        var csv = Rows(10, i => $"{i},{(i < 3 ? "" : "x")}", "id,gappy");
        var strict = Diagnose(csv, options: new DiagnosisOptions(new Dictionary<string, double> { ["missing"] = 0.25 }, null));
        Assert.Equal(Severity.Critical, strict.Findings.Single(finding => finding.Kind == "missing").Severity);
        Assert.Equal(Severity.Warning, Diagnose(csv).Findings.Single(finding => finding.Kind == "missing").Severity);
    }

    [Fact]
    public void Unknown_threshold_rule_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => Diagnose("a\n1\n2\n", options: new DiagnosisOptions(new Dictionary<string, double> { ["missin"] = 0.2 }, null)));
        Assert.Contains("no diagnosis rule 'missin'", error.Message);
    }

    [Fact]
    public void Constant_and_near_constant()
    {
        var csv = Rows(200, i => $"{i % 7},same,{(i == 0 ? "rare" : "common")},{(i == 0 ? 5.5 : 0.25)}", "x,flat,mostly,number");
        var findings = Diagnose(csv).Findings.Where(finding => finding.Kind == "constant").ToDictionary(finding => finding.Columns[0]);
        Assert.Equal(Severity.Warning, findings["flat"].Severity);
        Assert.Equal(Severity.Info, findings["mostly"].Severity);
        Assert.Equal(0.995, (double)findings["mostly"].Evidence["topShare"]!, 12);
        Assert.Equal(0.995, (double)findings["number"].Evidence["topShare"]!, 12);
        Assert.False(findings.ContainsKey("x"));
    }

    [Fact]
    public void Id_like_columns_but_not_continuous_measures()
    {
        var csv = Rows(50, i => $"C{i:000},{i + 1000},{i * 0.37 + 0.01},{i % 3}", "customer,account,measure,group");
        var ids = Diagnose(csv).Findings.Where(finding => finding.Kind == "id_like").Select(finding => finding.Columns[0]).ToList();
        Assert.Equal(["customer", "account"], ids);
    }

    [Fact]
    public void Duplicates()
    {
        var report = Diagnose("a,b\n1,x\n1,x\n2,y\n3,z\n");
        var duplicates = report.Findings.Single(finding => finding.Kind == "duplicates");
        Assert.Equal(1L, duplicates.Evidence["duplicateRows"]);
        Assert.Equal(0.25, (double)duplicates.Evidence["fraction"]!, 12);
    }

    [Fact]
    public void Mixed_types()
    {
        var csv = Rows(30, i => i % 10 == 0 ? "unknown" : $"{i}", "amount");
        var mixed = Diagnose(csv).Findings.Single(finding => finding.Kind == "mixed_types");
        Assert.Equal(27L, mixed.Evidence["numericValues"]);
        Assert.Equal(3L, mixed.Evidence["otherValues"]);
        Assert.Equal(["unknown"], (IEnumerable<string>)mixed.Evidence["otherExamples"]!);
    }

    [Fact]
    public void High_cardinality_above_threshold()
    {
        var csv = Rows(300, i => $"level{i % 60},{i % 4}", "city,x");
        var finding = Diagnose(csv).Findings.Single(finding => finding.Kind == "high_cardinality");
        Assert.Equal("city", finding.Columns[0]);
        Assert.Equal(60L, finding.Evidence["distinct"]);
    }

    [Fact]
    public void Outliers_by_iqr_fence_on_features_and_target()
    {
        var report = Diagnose("x,y\n1,10\n2,11\n3,12\n4,13\n100,500\n", target: "y");
        var outliers = report.Findings.Where(finding => finding.Kind == "outliers").ToDictionary(finding => finding.Columns[0]);
        Assert.Equal(7.0, outliers["x"].Evidence["upperFence"]);
        Assert.Equal(1L, outliers["x"].Evidence["above"]);
        Assert.Equal(Severity.Info, outliers["x"].Severity);
        // y: Q1 = 11, Q3 = 13, fence 16
        Assert.Equal(16.0, outliers["y"].Evidence["upperFence"]);
        Assert.Equal(Severity.Warning, outliers["y"].Severity);
    }

    [Fact]
    public void Redundant_numeric_and_categorical_pairs()
    {
        var csv = Rows(100, i => $"{i},{2 * i + (i % 3)},{(i * 7919) % 101},{(i % 2 == 0 ? "a" : "b")},{(i % 2 == 0 ? "p" : "q")},{(i % 5)}", "x,x2,noise,c1,c2,c3");
        var pairs = Diagnose(csv).Findings.Where(finding => finding.Kind == "redundant_pair").Select(finding => string.Join("~", finding.Columns)).ToList();
        Assert.Contains("x~x2", pairs);
        Assert.Contains("c1~c2", pairs);
        Assert.DoesNotContain(pairs, pair => pair.Contains("noise") || pair.Contains("c3"));
    }

    [Fact]
    public void Leakage_when_one_feature_separates_the_target()
    {
        var csv = Rows(100, i => $"{i},{(i * 37) % 100},{(i < 50 ? "no" : "yes")}", "refund_amount,noise,churned");
        var report = Diagnose(csv, target: "churned");
        var leak = report.Findings.Single(finding => finding.Kind == "leakage");
        Assert.Equal(["refund_amount"], leak.Columns);
        Assert.Equal(Severity.Critical, leak.Severity);
        Assert.Equal(1.0, (double)leak.Evidence["auc"]!, 12);
        Assert.Equal(AskRoles.DomainExpert, leak.AskRole);
        Assert.Equal("leakage", report.Findings[0].Kind);
    }

    [Fact]
    public void Target_correlation_reports_strong_signal_and_absence_of_signal()
    {
        var strong = Rows(100, i => $"{i},{(i * 37) % 100},{i + ((i * 53) % 40)}", "x,noise,y");
        var found = Diagnose(strong, target: "y").Findings.Where(finding => finding.Kind == "target_correlation").ToList();
        Assert.Equal(["x"], found.Select(finding => finding.Columns[0]));
        Assert.Equal("pearson", found[0].Evidence["measure"]);

        var none = Rows(100, i => $"{(i * 37) % 100},{i % 2}", "noise,y");
        var weak = Assert.Single(Diagnose(none, target: "y").Findings, finding => finding.Kind == "target_correlation");
        Assert.Equal(Severity.Info, weak.Severity);
    }

    [Fact]
    public void Weak_univariate_associations_are_reported_as_measured_not_as_a_weak_model()
    {
        // noise = 37i mod 100 has the parity of i, so its mean is 49 where y = 0 and 50 where y = 1. y has two values, so the
        // measure is the correlation ratio η, which for two groups is |r|: cov = 0.25, sd(noise) = √((100² − 1)/12) = 28.866,
        // sd(y) = 0.5, η = 0.25 / (28.866 × 0.5) = 0.01732.
        var none = Rows(100, i => $"{(i * 37) % 100},{i % 2}", "noise,y");
        var weak = Assert.Single(Diagnose(none, target: "y").Findings, finding => finding.Kind == "target_correlation");
        Assert.Equal(0.5 / Math.Sqrt(833.25), (double)weak.Evidence["value"]!, 4);
        Assert.Equal("no single column is strongly associated with y (max η = 0.017, noise; the threshold is 0.3); models may still combine them", weak.Message);
        Assert.DoesNotContain("weak model", weak.Action);
    }

    [Fact]
    public void A_weak_numeric_target_names_the_largest_absolute_r()
    {
        // Pearson r of 37i mod 100 and 11i mod 13 over i < 100: 0.0316768 (Python statistics.correlation).
        var csv = Rows(100, i => $"{(i * 37) % 100},{(i * 11) % 13}", "noise,y");
        var weak = Assert.Single(Diagnose(csv, target: "y").Findings, finding => finding.Kind == "target_correlation");
        Assert.Equal("pearson", weak.Evidence["measure"]);
        Assert.Equal(0.0317, (double)weak.Evidence["value"]!, 4);
        Assert.StartsWith("no single column is strongly associated with y (max |r| = 0.032, noise;", weak.Message);
    }

    [Fact]
    public void Imbalance_small_classes_and_missing_labels()
    {
        var csv = Rows(200, i => $"{i % 13},{(i < 10 ? "rare" : i < 15 ? "" : "common")}", "x,label");
        var findings = Diagnose(csv, target: "label").Findings;
        var imbalance = findings.Single(finding => finding.Kind == "imbalance");
        Assert.Equal("rare", imbalance.Evidence["minorityClass"]);
        Assert.Equal(Math.Round(10 / 195.0, 4), (double)imbalance.Evidence["minorityShare"]!, 12);
        var few = findings.Single(finding => finding.Kind == "too_few_samples");
        Assert.Equal(10L, ((Dictionary<string, long>)few.Evidence["classCounts"]!)["rare"]);
        var unlabeled = findings.Single(finding => finding.Kind == "missing_labels");
        Assert.Equal(5L, unlabeled.Evidence["missing"]);
        Assert.DoesNotContain(findings, finding => finding.Kind == "missing" && finding.Columns[0] == "label");
    }

    [Fact]
    public void Registry_ids_are_unique_and_cover_the_required_kinds()
    {
        Assert.Equal(DiagnosisRegistry.All.Count, DiagnosisRegistry.All.Select(rule => rule.Id).Distinct().Count());
        var kinds = DiagnosisRegistry.All.Select(rule => rule.Kind).ToHashSet();
        foreach (var kind in new[] { "missing", "constant", "id_like", "duplicates", "outliers", "target_correlation", "redundant_pair", "leakage", "imbalance", "high_cardinality" })
            Assert.Contains(kind, kinds);
    }
}
