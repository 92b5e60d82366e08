using System.Text.Json;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Reporting;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Reports;

namespace Flywheel.Tests.Operate.Monitoring;

public class MonitoringReportDocumentTests
{
    private static MonitoringReport Report() => ReportFixtures.Report(ReportFixtures.Drift("契約月数", false), ReportFixtures.Drift("年齢", true, 0.5),
        new FeatureDrift("料金プラン", "categorical", "jensenshannon", 0.3, null, 0.1, true, 0.4, 5000, 500)) with
    {
        Distributions =
        [
            new FeatureDistribution("年齢", "numeric", ["<30", "30–50", "≥50"], [0.3, 0.5, 0.2], [0.1, 0.4, 0.5]),
            new FeatureDistribution("料金プラン", "categorical", ["基本", "家族"], [0.7, 0.3], [0.4, 0.6]),
        ],
        Quality = new QualityReport(300, new Dictionary<string, double> { ["auc"] = 0.8 }, null, new Dictionary<string, double> { ["auc"] = 0.85 }, TimeSpan.FromHours(1)),
        QualityOverTime =
        [
            new QualityPoint(ReportFixtures.From, ReportFixtures.From.AddHours(1), 150, new Dictionary<string, double> { ["auc"] = 0.82 }),
            new QualityPoint(ReportFixtures.From.AddHours(1), ReportFixtures.From.AddHours(2), 150, new Dictionary<string, double> { ["auc"] = 0.78 }),
        ],
        RealizedValue = new RealizedValue(80, 8000, 100, 10000, "JPY", 300),
        ValueOverTime = [new ValuePoint(new DateOnly(2026, 12, 1), 150, 90, 9000), new ValuePoint(new DateOnly(2026, 12, 2), 150, 70, 7000)],
        Alerts = [new MonitoringAlert("baseline_drift_check", "年齢", "warning", "データエンジニア", "年齢 drifted")],
    };

    [Fact]
    public void The_html_page_keeps_japanese_feature_names_as_text_and_draws_the_overlaid_distributions()
    {
        var html = MonitoringReportDocument.Build(Report()).ToHtml();
        Assert.Contains("年齢", html);
        Assert.Contains("料金プラン", html);
        Assert.Contains("データエンジニア", html);
        Assert.Contains("<svg", html);
        // the two distributions, the quality and value lines
        Assert.True(html.Split("<svg").Length - 1 >= 4, "expected at least four charts");
    }

    [Fact]
    public void The_drift_table_lists_drifted_features_first_by_severity()
    {
        var document = MonitoringReportDocument.Build(Report());
        var drift = document.Find("Drift")!.Tables.Single();
        // 料金プラン (JS 0.3 = 3× its threshold) and 年齢 (p = 0.001) both drifted; 契約月数 did not.
        Assert.Equal(["料金プラン", "年齢", "契約月数"], drift.Rows.Select(r => r[0].Text));
        var alerts = document.Find("Alerts")!.Tables.First();
        Assert.Equal("データエンジニア", alerts.Rows[0][3].Text);
    }

    [Fact]
    public void The_document_round_trips_as_json_for_the_ui_and_the_report_json_keeps_the_contract_names()
    {
        var json = ReportJson.Serialize(MonitoringReportDocument.Build(Report()));
        Assert.Contains("\"overlaid_bar\"", json);
        Assert.Equal("Monitoring: churn", ReportJson.Deserialize(json).Title);

        using var contract = JsonDocument.Parse(MonitoringJson.Serialize(Report()));
        var root = contract.RootElement;
        Assert.Equal(500, root.GetProperty("window").GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("drift")[2].GetProperty("pValue").ValueKind);
        Assert.True(root.GetProperty("datasetDrift").TryGetProperty("share", out _));
        Assert.Equal(10000, root.GetProperty("realizedValue").GetProperty("promisedPerDay").GetDouble());
        Assert.Equal("データエンジニア", root.GetProperty("alerts")[0].GetProperty("role").GetString());
        Assert.Equal(Report().Drift, MonitoringJson.Report(MonitoringJson.Serialize(Report())).Drift);
    }
}
