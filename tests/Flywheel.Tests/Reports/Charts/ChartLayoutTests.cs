using System.Text.RegularExpressions;
using Flywheel.Reports.Charts;

namespace Flywheel.Tests.Reports.Charts;

/// <summary>
/// What a reader sees, checked on the SVG's geometry: texts inside the image, legends off the data, labels next to
/// what they label, dense labels apart. Glyph extents are taken as 1 em above and 0.3 em below the baseline, which
/// bounds Noto Sans CJK's Latin and Japanese glyphs.
/// </summary>
public class ChartLayoutTests
{
    private const double Above = 1.0;
    private const double Below = 0.3;

    private static readonly double[] Days = Enumerable.Range(0, 37).Select(i => i * 30.0).ToArray();

    private static readonly LineChart Payback = new("回収曲線 — 出品審査の自動化", "経過日数 (days from the start)", "累積価値 (JPY)",
    [
        new LineSeries("基準シナリオ (損益分岐 63 日)", Days, Days.Select(d => -10_000_000 + 158_715 * d).ToList()),
        new LineSeries("悲観: 審査担当者 10 人 (break-even 115 days)", Days, Days.Select(d => -10_000_000 + 86_715 * d).ToList()),
        new LineSeries("never breaks even", Days, Days.Select(d => -10_000_000 - 3_285 * d).ToList()),
    ])
    {
        ReferenceLines = [ReferenceLine.Horizontal(0, "break-even")],
    };

    private static readonly TornadoChart Tornado = new("価値の感度 — counterfeit-check", "価値 (JPY/day)", 162_000,
    [
        new TornadoBar("hourly_cost (人事部)", 135_000, 202_500),
        new TornadoBar("出品1件あたりの平均審査時間 (hours_per_day, checking hours per person)", 150_000, 174_000),
        new TornadoBar("after_hours", 164_400, 159_600),
    ])
    {
        LowLegend = "下限 (low end)",
        HighLegend = "上限 (high end)",
        BaseLabel = "基準",
    };

    private static readonly BarChart ManyBars = new("列ごとの欠損率", "列 (column)", "% empty",
        Enumerable.Range(0, 25).Select(i => new BarItem($"とても長い列の名前_Garage_Finish_Quality_{i}", 100.0 / (i + 1))).ToList())
    {
        ValueFormat = "0.##",
    };

    private static readonly HeatmapChart Correlations = Heatmap(30);

    public static TheoryData<string> ChartNames => new(Charts.Keys);

    private static Dictionary<string, (IChart Chart, int Width, int Height)> Charts => new()
    {
        ["payback"] = (Payback, 720, 400),
        ["long titles"] = (new LineChart(string.Concat(Enumerable.Repeat("とても長いタイトル (a very long title) ", 5)),
            string.Concat(Enumerable.Repeat("経過日数 (days from the start) ", 4)), string.Concat(Enumerable.Repeat("累積価値 (cumulative JPY) ", 4)),
            [new LineSeries("a", [0, 1], [-5_000_000, 10_000_000]), new LineSeries("b", [0, 1], [0, 1])]), 480, 300),
        ["tornado"] = (Tornado, 720, 260),
        ["many bars"] = (ManyBars, 720, 400),
        ["heatmap 30×30"] = (Correlations with { ColorBarLabel = "相関係数 r" }, 720, 400),
        ["confusion"] = (new HeatmapChart("混同行列", ["実際: 解約する", "実際: 継続"], ["予測: 解約する", "予測: 継続"], new double[,] { { 1_234, 56 }, { 789, 12_345_678 } })
            { ValueFormat = "#,0", ColorBarLabel = "件数 (count)", XLabel = "予測", YLabel = "実際" }, 720, 400),
        ["histogram"] = (new HistogramChart("販売価格の分布", "販売価格 (USD)", "件数", Enumerable.Range(0, 31).Select(i => 10_000.0 + i * 25_000).ToList(),
            Enumerable.Range(0, 30).Select(i => Math.Round(1000 * Math.Exp(-Math.Pow(i - 8, 2) / 30))).ToList()), 720, 260),
        ["scatter"] = (new ScatterChart("予測と実績", "予測 (USD)", "実績 (USD)",
            [new ScatterSeries("テスト", [50_000, 400_000, 750_000], [60_000, 380_000, 700_000]), new ScatterSeries("検証", [100_000], [90_000])]), 720, 400),
    };

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Every_text_is_drawn_inside_the_image(string name)
    {
        var (chart, width, height) = Charts[name];

        foreach (var text in SvgTexts.Read(chart.ToSvg(width, height)).Where(t => t.Text.Length > 0))
        {
            var (left, top, right, bottom) = Extent(text);
            Assert.True(left >= 0 && top >= 0 && right <= width && bottom <= height,
                $"'{text.Text}' spans x {left:0.#}…{right:0.#}, y {top:0.#}…{bottom:0.#}: outside the {width}×{height} image");
        }
    }

    [Fact]
    public void Legend_is_below_the_data_area_so_it_covers_no_curve()
    {
        var svg = Payback.ToSvg();
        var dataBottom = SvgTexts.DataArea(svg).Bottom;
        var texts = SvgTexts.Read(svg);

        foreach (var series in Payback.Series)
        {
            var entry = texts.Single(t => t.Text == series.Name);
            Assert.True(entry.BaselineY - Above * entry.FontSize > dataBottom, $"legend entry '{series.Name}' overlaps the data area");
        }
    }

    [Fact]
    public void Every_legend_row_fits_when_entries_wrap()
    {
        var texts = SvgTexts.Read(Payback.ToSvg(480, 360));
        var rows = Payback.Series.Select(s => texts.Single(t => t.Text == s.Name).BaselineY).Distinct().Count();

        Assert.True(rows > 1, "three long entries at 480 px wrap onto more than one row");
        Assert.All(Payback.Series, s => Assert.True(texts.Single(t => t.Text == s.Name).BaselineY + Below * 12 <= 360));
    }

    [Fact]
    public void Tornado_base_low_and_high_are_named_in_the_legend_below_the_bars()
    {
        var svg = Tornado.ToSvg(720, 260);
        var dataBottom = SvgTexts.DataArea(svg).Bottom;
        var texts = SvgTexts.Read(svg);
        var title = texts.Single(t => t.Text == Tornado.Title);

        foreach (var label in new[] { Tornado.BaseLabel, Tornado.LowLegend, Tornado.HighLegend })
        {
            var entry = texts.Single(t => t.Text == label);
            Assert.True(entry.BaselineY - Above * entry.FontSize > dataBottom, $"'{label}' should be in the legend under the bars");
            Assert.True(entry.BaselineY - Above * entry.FontSize > title.BaselineY + Below * title.FontSize, $"'{label}' overlaps the title");
        }
    }

    [Fact]
    public void Bar_value_labels_sit_just_above_positive_bars_and_just_below_negative_ones()
    {
        var chart = new BarChart("シナリオ別の純価値", "シナリオ", "net value (JPY)",
            [new BarItem("基準", 163_911_500), new BarItem("悲観", -25_000_000)]) { ValueFormat = "#,0" };
        var svg = chart.ToSvg();
        var bars = Bars(svg);
        var texts = SvgTexts.Read(svg);

        var positive = texts.Single(t => t.Text == "163,911,500");
        var gapAbove = bars[0].Top - positive.BaselineY;
        Assert.InRange(gapAbove, 0, 0.5 * positive.FontSize);

        var negative = texts.Single(t => t.Text == "-25,000,000");
        var digitsTop = negative.BaselineY - 0.75 * negative.FontSize;
        Assert.InRange(digitsTop - bars[1].Bottom, 0, 0.5 * negative.FontSize);
    }

    [Fact]
    public void Value_tick_labels_are_centred_on_their_ticks()
    {
        var chart = new BarChart("件数", "class", "rows", [new BarItem("no", 4_000), new BarItem("yes", 1_000)]);
        var svg = chart.ToSvg();
        var zero = SvgTexts.Read(svg).Single(t => t.Text == "0");
        var baseOfBars = Bars(svg)[0].Bottom;

        // Digits stand on the baseline and are about 0.73 em tall: their middle is 0.37 em above it.
        Assert.InRange(zero.BaselineY - 0.37 * zero.FontSize - baseOfBars, -2, 2);
    }

    [Fact]
    public void Many_long_column_labels_are_shortened_turned_upright_and_kept_apart()
    {
        var svg = ManyBars.ToSvg(720, 400);
        var labels = SvgTexts.Read(svg).Where(t => t.Text.StartsWith("とても長い")).OrderBy(t => t.BaselineX).ToList();

        Assert.NotEmpty(labels);
        Assert.All(labels, label => Assert.True(label.Upright, $"'{label.Text}' should be upright"));
        Assert.All(labels, label => Assert.Contains("…", label.Text));
        Assert.Equal(labels.Count, labels.Select(label => label.Text).Distinct().Count()); // the ends that tell them apart are kept
        Assert.All(labels.Zip(labels.Skip(1)), pair => Assert.True(pair.Second.BaselineX - pair.First.BaselineX >= pair.First.FontSize,
            $"'{pair.First.Text}' and '{pair.Second.Text}' overlap"));
    }

    [Fact]
    public void A_thirty_by_thirty_heatmap_writes_row_labels_that_do_not_overlap()
    {
        var svg = Correlations.ToSvg(720, 400);
        var dataLeft = SvgTexts.DataArea(svg).Left;
        var rows = SvgTexts.Read(svg).Where(t => !t.Upright && t.Text.Length > 0 && t.BaselineX < dataLeft).OrderBy(t => t.BaselineY).ToList();

        Assert.True(rows.Count >= 10, $"only {rows.Count} row labels written");
        Assert.All(rows, row => Assert.True(row.FontSize >= 8, $"'{row.Text}' at {row.FontSize} px is too small to read"));
        Assert.All(rows.Zip(rows.Skip(1)), pair => Assert.True(pair.Second.BaselineY - pair.First.BaselineY >= pair.First.FontSize,
            $"'{pair.First.Text}' and '{pair.Second.Text}' overlap"));
    }

    [Fact]
    public void With_room_every_heatmap_row_and_column_is_labelled()
    {
        var texts = SvgTexts.Read(Correlations.ToSvg(900, 900)).Select(t => t.Text).ToList();

        Assert.All(Correlations.RowLabels, label => Assert.Equal(2, texts.Count(t => t == label)));
    }

    [Fact]
    public void Large_and_negative_numbers_are_written_out_with_thousands_separators()
    {
        var chart = new LineChart("回収", "月", "JPY", [new LineSeries("基準", [0, 12, 24], [-30_000_000, 10_000_000, 60_000_000])]);
        var texts = SvgTexts.Read(chart.ToSvg());
        var ticks = texts.Select(t => t.Text).Where(t => Regex.IsMatch(t, @"^-?[0-9][0-9,.]*$")).ToList();

        Assert.Contains(ticks, t => Regex.IsMatch(t, @"^[0-9]{1,3}(,[0-9]{3}){2,}$"));
        Assert.Contains(ticks, t => t.StartsWith('-'));
        Assert.DoesNotContain(texts, t => Regex.IsMatch(t.Text, "[0-9][eE][+-]?[0-9]"));
    }

    [Fact]
    public void Heatmap_cells_are_not_blurred_by_browsers()
    {
        Assert.Contains("image-rendering: pixelated", Correlations.ToSvg());
    }

    [Theory]
    [InlineData(-0.001, "0.##", "0")]
    [InlineData(-0.4, "0", "0")]
    [InlineData(-0.41, "0.##", "-0.41")]
    [InlineData(12345678, "#,0", "12,345,678")]
    public void Numbers_on_charts_never_read_minus_zero(double value, string format, string expected)
    {
        Assert.Equal(expected, ChartText.Number(value, format));
    }

    private static (double Left, double Top, double Right, double Bottom) Extent(SvgTexts.SvgText text)
    {
        var em = text.FontSize;
        return text.Turn switch
        {
            // Reads bottom to top: glyphs rise to the left of the baseline and run upwards.
            < 0 => (text.BaselineX - Above * em, text.LastGlyphY - 0.5 * em, text.BaselineX + Below * em, text.BaselineY),
            > 0 => (text.BaselineX - Below * em, text.BaselineY, text.BaselineX + Above * em, text.LastGlyphY + 0.5 * em),
            _ => (text.BaselineX, text.BaselineY - Above * em, text.LastGlyphX + 0.5 * em, text.BaselineY + Below * em),
        };
    }

    /// <summary>The filled bar rectangles, left to right.</summary>
    private static List<(double Top, double Bottom)> Bars(string svg) =>
        Regex.Matches(svg, "<rect fill=\"#1F77B4\" x=\"([-0-9.e]+)\" y=\"([-0-9.e]+)\" width=\"[-0-9.e]+\" height=\"([-0-9.e]+)\"")
            .Select(m => (X: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                Top: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                Height: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(r => r.X)
            .Select(r => (r.Top, r.Top + r.Height))
            .ToList();

    private static HeatmapChart Heatmap(int n)
    {
        var names = Enumerable.Range(0, n).Select(i => (i % 3) switch { 0 => $"築年数_{i}", 1 => $"Total_Bsmt_SF_{i}", _ => $"Lot_{i}" }).ToList();
        var values = new double[n, n];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                values[r, c] = r == c ? 1 : Math.Round(Math.Sin(r * 7 + c * 3) * Math.Cos(r - c), 2);
        return new HeatmapChart("数値列の相関 (Pearson r)", names, names, values) { Min = -1, Max = 1, ColorBarLabel = "r", ValueFormat = null };
    }
}
