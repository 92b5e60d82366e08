using System.Text;
using Flywheel.Reports;
using Flywheel.Reports.Charts;

namespace Flywheel.Tests.Reports;

public class HtmlReportTests
{
    private static ReportDocument Sample()
    {
        var report = new ReportDocument("価値レポート: telco-churn", "2026-11-24");
        report.AddSection("回収")
            .Paragraph("開発費は 3 か月で回収できます。")
            .KeyFigures(new KeyFigure("損益分岐", "14.2 か月", "基準シナリオ"), new KeyFigure("ROI", "3.1×"))
            .Preformatted("value = customers * (churn_before - churn_after) * ltv_after")
            .Table(["シナリオ", "損益分岐 (月)", "価値 (JPY)"],
            [
                ["基準", 14.2, 1234567],
                ["悲観", double.NaN, -5000],
            ])
            .Chart(new BarChart("欠損率", "列", "%", [new BarItem("年齢", 12.5)]), caption: "列ごとの欠損");
        return report;
    }

    [Fact]
    public void Report_is_one_self_contained_utf8_page()
    {
        var html = Sample().ToHtml();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains("Noto Sans CJK JP", html);
        Assert.DoesNotMatch("(src|href)\\s*=\\s*[\"']?(https?:)?//", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void Every_text_is_escaped()
    {
        const string hostile = "<script>alert('x')</script> & \"q\"";
        var report = new ReportDocument(hostile, hostile);
        report.AddSection(hostile)
            .Paragraph(hostile)
            .Callout(hostile, CalloutKind.Problem)
            .Preformatted(hostile)
            .BulletList(hostile, hostile)
            .KeyFigures(new KeyFigure(hostile, hostile, hostile))
            .Table([hostile], [[hostile]], caption: hostile)
            .Subsection(hostile).Paragraph(hostile);

        var html = report.ToHtml();

        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", html);
    }

    [Fact]
    public void Numbers_are_right_aligned_and_formatted_text_is_not()
    {
        var html = Sample().ToHtml();

        Assert.Contains("<td>基準</td><td class=\"num\">14.2</td><td class=\"num\">1,234,567</td>", html);
        Assert.Contains("<td>悲観</td><td class=\"num\">—</td><td class=\"num\">-5,000</td>", html);
        Assert.Contains("<th>シナリオ</th><th class=\"num\">損益分岐 (月)</th>", html);
    }

    [Fact]
    public void Bullet_lists_keep_their_order()
    {
        var report = new ReportDocument("r");
        report.AddSection("注意").BulletList("一", "二");

        Assert.Contains("<ul>\n<li>一</li>\n<li>二</li>\n</ul>", report.ToHtml());
    }

    [Fact]
    public void Subsections_nest_one_heading_level_deeper()
    {
        var report = new ReportDocument("r");
        report.AddSection("外").Subsection("内").Subsection("奥");

        var html = report.ToHtml();

        Assert.Contains("<h2>外</h2>", html);
        Assert.Contains("<h3>内</h3>", html);
        Assert.Contains("<h4>奥</h4>", html);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReportTable(["a", "b"], [["only one"]]));

        Assert.Contains("Row 1 has 1 cells; the table has 2 columns", error.Message);
    }

    [Fact]
    public void Save_writes_utf8_without_bom_and_leaves_no_temporary_file()
    {
        var directory = Directory.CreateTempSubdirectory("flywheel-report-");
        try
        {
            var path = Path.Combine(directory.FullName, "report.html");
            Sample().Save(path);

            var bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Contains("価値レポート: telco-churn", Encoding.UTF8.GetString(bytes));
            Assert.Single(Directory.GetFiles(directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
