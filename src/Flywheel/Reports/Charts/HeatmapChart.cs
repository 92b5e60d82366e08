using System.Text.Json.Serialization;
using ScottPlot;

namespace Flywheel.Reports.Charts;

/// <summary>
/// A matrix of values as coloured cells with row and column labels and a colour bar (correlation matrix, confusion
/// matrix). Row 0 is drawn at the top, as the matrix is written.
/// </summary>
public sealed record HeatmapChart(string Title, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels,
    [property: JsonConverter(typeof(MatrixJsonConverter))] double[,] Values) : IChart
{
    public string XLabel { get; init; } = "";
    public string YLabel { get; init; } = "";
    public string ColorBarLabel { get; init; } = "";

    /// <summary>Write each value in its cell with this .NET format string (null: no values).</summary>
    public string? ValueFormat { get; init; } = "0.##";

    /// <summary>Colour scale limits; null means the data's range (use −1..1 for correlations).</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }

    public Plot ToPlot()
    {
        var rows = Values.GetLength(0);
        var columns = Values.GetLength(1);
        if (rows != RowLabels.Count || columns != ColumnLabels.Count)
            throw new ArgumentException($"The matrix is {rows}×{columns} but there are {RowLabels.Count} row and {ColumnLabels.Count} column labels.");

        var plot = PlotSetup.Create(Title, XLabel, YLabel);
        var heatmap = plot.Add.Heatmap(Values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5); // outer edges: cell (r, c) centred on (c, rows - 1 - r)
        if (Min is not null || Max is not null)
        {
            heatmap.ManualRange = new ScottPlot.Range(Min ?? heatmap.DataRange.Min, Max ?? heatmap.DataRange.Max);
        }
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = ColorBarLabel;
        colorBar.LabelStyle.FontName = ChartFonts.For(ColorBarLabel);

        if (ValueFormat is not null) AddCellValues(plot, rows, columns);
        PlotSetup.BottomCategories(plot, ColumnLabels, c => c);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(PlotSetup.CategoryTicks(RowLabels, r => RowY(rows, r)));
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        return plot;
    }

    private static double RowY(int rows, int row) => rows - 1 - row;

    private void AddCellValues(Plot plot, int rows, int columns)
    {
        var (low, high) = Range();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var value = Values[r, c];
                var text = double.IsNaN(value) ? "—" : ChartText.Number(value, ValueFormat!);
                var label = plot.Add.Text(text, c, RowY(rows, r));
                label.LabelFontName = ChartFonts.For(text);
                label.LabelFontSize = 12;
                label.LabelAlignment = Alignment.MiddleCenter;
                // Viridis is dark at the low end: white text there, black on the bright half.
                var fraction = high > low ? (value - low) / (high - low) : 0.5;
                label.LabelFontColor = fraction < 0.6 ? Colors.White : Colors.Black;
            }
        }
    }

    private (double Low, double High) Range()
    {
        var finite = Values.Cast<double>().Where(double.IsFinite).ToList();
        var low = Min ?? (finite.Count > 0 ? finite.Min() : 0);
        var high = Max ?? (finite.Count > 0 ? finite.Max() : 1);
        return (low, high);
    }
}
