using Flywheel.Data.Diagnosis;
using Flywheel.Reports;
using Flywheel.Tests.Workflows;

namespace Flywheel.Tests.Reports;

public class DataReportTests
{
    [Fact]
    public void The_data_page_shows_each_feature_per_class_and_both_association_heatmaps()
    {
        var (profile, diagnosis) = DataAnalysis.Diagnose(UseCaseFolder.Repo("samples/churn/data/mlc_churn.csv"), target: "churn");
        var html = DataReport.Build(profile, diagnosis).ToHtml();

        foreach (var heading in new[] { "Summary", "Findings", "Missing values", "Target: churn", "Correlations", "Columns" })
            Assert.Contains($"<h2>{heading}", html);
        // The strongest numeric features are drawn per class, as shares of each class's rows.
        Assert.Contains("number_customer_service_calls by churn", html);
        Assert.Contains("churn = yes", html);
        Assert.Contains("% of the class", html);
        // A categorical feature gets the share of each value per class: 28.1 % of churners have an international plan.
        Assert.Contains("share of each international_plan value per class of churn", html);
        Assert.Contains("28.1 %", html);
        Assert.Contains("Pearson r between numeric columns", html);
        Assert.Contains("Cramér", html);
    }
}
