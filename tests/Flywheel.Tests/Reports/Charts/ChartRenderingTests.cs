using Flywheel.Reports.Charts;

namespace Flywheel.Tests.Reports.Charts;

public class ChartRenderingTests
{
    private static readonly LineChart Payback = new(
        "回収曲線（月次）", "経過月数 (month)", "累積価値 (JPY)",
        [
            new LineSeries("基準", [0, 12, 24, 36], [-10e6, -2e6, 6e6, 14e6]),
            new LineSeries("悲観", [0, 12, 24, 36], [-10e6, -6e6, -2e6, 2e6]),
        ])
    {
        Markers = [new ChartMarker(15, 0, "損益分岐 15か月")],
        ReferenceLines = [ReferenceLine.Horizontal(0, "ゼロ"), ReferenceLine.Vertical(3, "遅延 3 month")],
    };

    [Fact]
    public void Japanese_title_axis_labels_and_series_names_are_svg_text()
    {
        var texts = SvgTexts.Read(Payback.ToSvg()).Select(t => t.Text).ToList();

        Assert.Contains("回収曲線（月次）", texts);
        Assert.Contains("経過月数 (month)", texts);
        Assert.Contains("累積価値 (JPY)", texts);
        Assert.Contains("基準", texts);
        Assert.Contains("悲観", texts);
        Assert.Contains("損益分岐 15か月", texts);
        Assert.Contains("遅延 3 month", texts);
    }

    [Fact]
    public void Charts_inlined_in_one_page_do_not_share_ids()
    {
        // Skia numbers ids from zero in every SVG; two heatmaps on one page once drew the first one's cells in the second.
        var first = new HeatmapChart("r", ["a", "b"], ["a", "b"], new double[,] { { 1, -0.5 }, { -0.5, 1 } }) { Min = -1, Max = 1 }.ToSvg();
        var second = new HeatmapChart("V", ["c", "d"], ["c", "d"], new double[,] { { 1, 0 }, { 0, 1 } }) { Min = 0, Max = 1 }.ToSvg();
        var firstIds = Ids(first);
        var secondIds = Ids(second);
        Assert.NotEmpty(firstIds);
        Assert.Empty(firstIds.Intersect(secondIds));
        // Every reference inside a chart points at an id of that same chart.
        foreach (var (svg, ids) in new[] { (first, firstIds), (second, secondIds) })
        {
            var references = System.Text.RegularExpressions.Regex.Matches(svg, "(?:url\\(|href=\")#([^)\"]+)").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(references);
            Assert.All(references, reference => Assert.Contains(reference, ids));
        }
    }

    private static HashSet<string> Ids(string svg) =>
        System.Text.RegularExpressions.Regex.Matches(svg, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();

    [Fact]
    public void Svg_is_an_inline_element_without_external_references()
    {
        var svg = Payback.ToSvg(640, 360);

        Assert.StartsWith("<svg", svg);
        Assert.DoesNotContain("<?xml", svg);
        Assert.Contains("viewBox=\"0 0 640 360\"", svg);
        Assert.DoesNotMatch("(src|href)=\"https?:", svg);
    }

    [Fact]
    public void Markup_in_chart_text_is_escaped()
    {
        var chart = new BarChart("<script>alert(1)</script>", "列", "欠損 %", [new BarItem("<b>x</b>", 3)]);

        var svg = chart.ToSvg();

        Assert.DoesNotContain("<script", svg);
        Assert.DoesNotContain("<b>", svg);
        Assert.Contains("<script>alert(1)</script>", SvgTexts.Read(svg).Select(t => t.Text));
    }

    [Fact]
    public void Png_export_has_the_png_signature_and_the_requested_size()
    {
        var png = Payback.ToPng(300, 200);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(300, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public void Png_file_is_written_whole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flywheel-chart-{Guid.NewGuid():N}.png");
        try
        {
            Payback.SavePng(path, 200, 100);
            Assert.Equal(Payback.ToPng(200, 100).Length, new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Tornado_rows_are_drawn_top_to_bottom_in_the_order_given()
    {
        var chart = new TornadoChart("感度", "価値 (JPY/month)", 100,
        [
            new TornadoBar("churn_after", 40, 190),
            new TornadoBar("月額利益", 70, 130),
            new TornadoBar("customers", 90, 110),
        ]);

        var texts = SvgTexts.Read(chart.ToSvg());
        var y = chart.Bars.Select(bar => texts.Single(t => t.Text == bar.Label).Y).ToList();

        Assert.True(y[0] < y[1] && y[1] < y[2], $"label heights {string.Join(", ", y)} should increase down the chart");
        Assert.Equal([2.0, 1.0, 0.0], Enumerable.Range(0, 3).Select(chart.RowPosition));
    }

    [Fact]
    public void Heatmap_writes_each_value_in_its_cell_with_row_and_column_labels()
    {
        var confusion = new HeatmapChart("混同行列", ["実際: yes", "実際: no"], ["予測: yes", "予測: no"], new double[,] { { 12, 3 }, { 7, 81 } })
        {
            ValueFormat = "0",
            ColorBarLabel = "件数",
        };

        var texts = SvgTexts.Read(confusion.ToSvg());
        var cells = new[] { "12", "3", "7", "81" }.Select(v => texts.Single(t => t.Text == v)).ToList();

        Assert.Contains(texts, t => t.Text == "実際: yes");
        Assert.Contains(texts, t => t.Text == "予測: no");
        Assert.True(cells[0].Y < cells[2].Y, "row 0 is drawn above row 1");
        Assert.True(cells[0].X < cells[1].X, "column 0 is drawn left of column 1");
        Assert.Equal(cells[0].Y, cells[1].Y, 3);
    }

    [Fact]
    public void Histogram_needs_one_more_edge_than_bins()
    {
        var chart = new HistogramChart("分布", "x", "件数", [0, 1, 2], [3, 4, 5]);

        var error = Assert.Throws<ArgumentException>(() => chart.ToSvg());
        Assert.Contains("3 bins needs 4 edges", error.Message);
    }

    [Fact]
    public void Histogram_edges_must_increase()
    {
        var chart = new HistogramChart("分布", "x", "件数", [0, 2, 1], [3, 4]);

        Assert.Throws<ArgumentException>(() => chart.ToSvg());
    }

    [Fact]
    public void Series_with_mismatched_lengths_is_rejected()
    {
        var chart = new ScatterChart("散布図", "x", "y", [new ScatterSeries("a", [1, 2], [1])]);

        var error = Assert.Throws<ArgumentException>(() => chart.ToSvg());
        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Histogram_and_scatter_render_their_titles()
    {
        var histogram = new HistogramChart("年齢の分布", "年齢", "件数", [20, 30, 40, 50], [5, 9, 2]);
        var scatter = new ScatterChart("予測と実績", "予測", "実績", [new ScatterSeries("test", [1, 2, 3], [1.1, 1.9, 3.2])]);

        Assert.Contains("年齢の分布", SvgTexts.Read(histogram.ToSvg()).Select(t => t.Text));
        Assert.Contains("予測と実績", SvgTexts.Read(scatter.ToSvg()).Select(t => t.Text));
    }

    [Theory]
    [InlineData("⽉", "月")]
    [InlineData("⼈数", "人数")]
    [InlineData("月 (month)", "月 (month)")]
    [InlineData("とても⻑い", "とても長い")]
    public void Kangxi_radicals_written_by_skia_are_mapped_back_to_ideographs(string written, string expected)
    {
        Assert.Equal(expected, SvgCleaner.RestoreIdeographs(written));
    }
}
