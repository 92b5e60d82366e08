using Flywheel.Data.Diagnosis;
using Flywheel.Data.Readiness;

namespace Flywheel.Tests.Data.Diagnosis;

/// <summary>The figures the samples promise, reproduced on the real files.</summary>
public class RealDataDiagnosisTests
{
    private static readonly Lazy<DiagnosisReport> Churn = new(() => DataAnalysis.Diagnose(TestData.Repo("samples/churn")).Report);
    private static readonly Lazy<DiagnosisReport> Ames = new(() => DataAnalysis.Diagnose(TestData.Repo("samples/house-prices")).Report);

    [Theory]
    [InlineData("day")]
    [InlineData("eve")]
    [InlineData("night")]
    [InlineData("intl")]
    public void Churn_minutes_and_charges_are_redundant(string period)
    {
        var pair = Churn.Value.Findings.Single(finding => finding.Kind == "redundant_pair"
            && finding.Columns.SequenceEqual([$"total_{period}_minutes", $"total_{period}_charge"]));
        Assert.Equal(1.0, Math.Round((double)pair.Evidence["value"]!, 2));
    }

    [Fact]
    public void Churn_imbalance_about_14_percent()
    {
        var imbalance = Churn.Value.Findings.Single(finding => finding.Kind == "imbalance");
        Assert.Equal("yes", imbalance.Evidence["minorityClass"]);
        Assert.Equal(0.1414, (double)imbalance.Evidence["minorityShare"]!, 4);
        Assert.Equal(AskRoles.DataScientist, imbalance.AskRole);
    }

    [Fact]
    public void Churn_state_is_high_cardinality_and_nothing_leaks()
    {
        Assert.Contains(Churn.Value.Findings, finding => finding.Kind == "high_cardinality" && finding.Columns[0] == "state");
        Assert.DoesNotContain(Churn.Value.Findings, finding => finding.Kind == "leakage");
        Assert.Equal(5000, Churn.Value.Rows);
    }

    [Fact]
    public void Ames_pairs_and_sale_price_fence()
    {
        var findings = Ames.Value.Findings;
        var garage = findings.Single(finding => finding.Kind == "redundant_pair" && finding.Columns.SequenceEqual(["Garage_Cars", "Garage_Area"]));
        Assert.Equal(0.89, Math.Round((double)garage.Evidence["value"]!, 2));
        var rooms = findings.Single(finding => finding.Kind == "redundant_pair" && finding.Columns.SequenceEqual(["Gr_Liv_Area", "TotRms_AbvGrd"]));
        Assert.Equal(0.81, Math.Round((double)rooms.Evidence["value"]!, 2));
        var price = findings.Single(finding => finding.Kind == "outliers" && finding.Columns[0] == "Sale_Price");
        Assert.Equal(339_500.0, price.Evidence["upperFence"]);
        Assert.Equal(137L, price.Evidence["above"]);
        Assert.Equal(Severity.Warning, price.Severity);
    }

    [Fact]
    public void Credit_gaps_are_each_reported_with_their_share()
    {
        var report = DataAnalysis.Diagnose(TestData.File("credit_data.csv"), "Status").Report;
        var missing = report.Findings.Where(finding => finding.Kind == "missing").ToDictionary(finding => finding.Columns[0], finding => (double)finding.Evidence["fraction"]!);
        Assert.Equal(0.0855, missing["Income"], 4);
        Assert.Equal(Severity.Warning, report.Findings.Single(finding => finding.Kind == "missing" && finding.Columns[0] == "Income").Severity);
        // Home 6, Marital 1, Job 2, Assets 47, Debt 18 empty cells of 4454
        Assert.Equal(Math.Round(47 / 4454.0, 4), missing["Assets"], 4);
        Assert.Equal(Math.Round(18 / 4454.0, 4), missing["Debt"], 4);
        Assert.Equal(6, missing.Count);
    }

    [Fact]
    public void Churn_readiness_is_labeled_but_undocumented_until_declared()
    {
        var readiness = Churn.Value.Readiness;
        Assert.Equal(ReadinessLevel.LabeledPartial, readiness.Level);
        Assert.Contains(readiness.Facts, fact => fact.Fact == "target" && fact.Value == "churn" && fact.Source == "data");
    }
}
