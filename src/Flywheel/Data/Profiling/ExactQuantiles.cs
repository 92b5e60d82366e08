using System.Globalization;
using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// Exact quartiles without sorting whole columns, in three scans whatever the number of columns. The first counts
/// rows in fine bins (the display histogram's bins split <see cref="FineBinsPerBin"/> ways) with one histogram
/// aggregate per column; the cumulative counts locate the fine bin that holds each needed order statistic, and the
/// second scan picks those statistics out of their (small) bins, sorted; the third counts rows beyond the fences.
/// Quantiles then interpolate linearly between order statistics: the value at rank h = (n − 1)·p, as numpy, pandas
/// and DuckDB's quantile_cont define it. DuckDB's own quantile_cont costs a selection pass per quantile and column.
/// </summary>
internal static class ExactQuantiles
{
    private const int FineBinsPerBin = 64;
    private static readonly double[] Probabilities = [0.25, 0.5, 0.75];

    /// <param name="Below">Rows below Q1 − 1.5·IQR.</param>
    /// <param name="Above">Rows above Q3 + 1.5·IQR.</param>
    /// <param name="AtMedian">Rows equal to the median.</param>
    public sealed record Result(double Q1, double Median, double Q3, Histogram Histogram, long Below, long Above, long AtMedian);

    // Each query holds one GROUP BY (and one pick) per column: on wide data that plan alone outgrows memory (5,000
    // columns took more than 24 GB), so columns are taken this many at a time.
    private const int ColumnsPerQuery = 200;

    public static Dictionary<string, Result> Compute(DataSource source, IReadOnlyList<(SourceColumn Column, NumericSummary Numbers, long Present)> numeric, int bins)
    {
        if (numeric.Count <= ColumnsPerQuery) return ComputeBatch(source, numeric, bins);
        if (WideQuantiles.Suits(source, numeric.Count, ColumnsPerQuery)) return WideQuantiles.Compute(source, numeric, bins);
        var all = new Dictionary<string, Result>(StringComparer.Ordinal);
        foreach (var chunk in numeric.Chunk(ColumnsPerQuery))
            foreach (var (name, result) in ComputeBatch(source, chunk, bins)) all[name] = result;
        return all;
    }

    private static Dictionary<string, Result> ComputeBatch(DataSource source, IReadOnlyList<(SourceColumn Column, NumericSummary Numbers, long Present)> numeric, int bins)
    {
        var plans = numeric.Select((item, index) => new Plan(item.Column, index, item.Present, Distributions.Edges(item.Numbers.Min, item.Numbers.Max, bins, item.Numbers.IsInteger))).ToList();
        if (plans.Count == 0) return [];
        var cells = CountCells(source, plans);
        foreach (var plan in plans) plan.Cells = cells[plan.Index];

        // Order statistics at a cell's ends, or in a cell of one value, are its min or max; the others are picked out
        // of their (small) cells, sorted, every column's in one query.
        var values = new Dictionary<(int, long), double>();
        foreach (var plan in plans)
            foreach (var (rank, value) in plan.KnownFromCells()) values[(plan.Index, rank)] = value;
        var picks = plans.Select(plan => plan.PickSql()).OfType<string>().ToList();
        if (picks.Count > 0)
        {
            foreach (var (index, fine, offset, value) in source.Query(string.Join(" UNION ALL ", picks), reader =>
                ((int)SqlValues.Long(reader, 0), (int)SqlValues.Long(reader, 1), SqlValues.Long(reader, 2), SqlValues.Double(reader, 3)!.Value)))
            {
                foreach (var rank in plans[index].RanksAt(fine, offset)) values[(index, rank)] = value;
            }
        }
        var quartiles = plans.Select(plan => Probabilities.Select(p => plan.Quantile(p, values)).ToArray()).ToList();

        // Fence and median counts: whole cells from the cell counts, and only the cells around each boundary counted
        // row by row, every column in the same scan (sums of CASE: DuckDB's FILTER clause costs several times more).
        var counts = plans.Select(plan => plan.CountsFromCells(quartiles[plan.Index])).ToList();
        var boundaries = plans.SelectMany(plan => plan.BoundaryCounts(quartiles[plan.Index])).ToList();
        source.Query($"SELECT {string.Join(", ", boundaries)} FROM {Values(plans)}", reader =>
        {
            foreach (var plan in plans)
            {
                var at = 3 * plan.Index;
                var (below, above, _) = counts[plan.Index];
                counts[plan.Index] = (below + SqlValues.Long(reader, at), above + SqlValues.Long(reader, at + 1), SqlValues.Long(reader, at + 2));
            }
            return 0;
        });
        return plans.ToDictionary(plan => plan.Column.Name, plan =>
        {
            var (q, c) = (quartiles[plan.Index], counts[plan.Index]);
            return new Result(q[0], q[1], q[2], plan.Histogram(), c.Below, c.Above, c.AtMedian);
        });
    }

    /// <summary>The relation of every planned column cast to DOUBLE once per row, as v0, v1, …</summary>
    private static string Values(IReadOnlyList<Plan> plans) =>
        $"(SELECT {string.Join(", ", plans.Select(plan => $"{ColumnSummaries.Number(plan.Column)} AS {plan.V}"))} FROM {DataSource.Relation})";

    /// <summary>Rows, least and greatest value per fine bin of every column: one GROUP BY per column, all in one query.</summary>
    private static Dictionary<int, List<Cell>> CountCells(DataSource source, IReadOnlyList<Plan> plans)
    {
        var parts = plans.Select(plan =>
            $"SELECT {plan.Index} AS plan, {plan.FineSql("v")} AS fine, count(*), min(v), max(v) " +
            $"FROM (SELECT {ColumnSummaries.Number(plan.Column)} AS v FROM {DataSource.Relation}) WHERE v IS NOT NULL GROUP BY fine");
        var cells = plans.ToDictionary(plan => plan.Index, _ => new List<Cell>());
        source.Query($"SELECT * FROM ({string.Join(" UNION ALL ", parts)}) ORDER BY plan, fine", reader =>
        {
            cells[(int)SqlValues.Long(reader, 0)].Add(new Cell((int)SqlValues.Long(reader, 1), SqlValues.Long(reader, 2), SqlValues.Double(reader, 3)!.Value, SqlValues.Double(reader, 4)!.Value));
            return 0;
        });
        return cells;
    }

    private sealed record Cell(int Fine, long Count, double Min, double Max);

    private sealed class Plan(SourceColumn column, int index, long present, double[] edges)
    {
        public SourceColumn Column { get; } = column;
        public int Index { get; } = index;
        public List<Cell> Cells { get; set; } = [];

        /// <summary>The column's name in <see cref="Values"/>.</summary>
        public string V => $"v{Index}";
        private int Bins => edges.Length - 1;
        private bool Constant => edges[0] == edges[^1];
        private double FineWidth => (edges[^1] - edges[0]) / (Bins * (double)FineBinsPerBin);

        /// <summary>The fine bin over the whole range; display bin = fine bin ÷ <see cref="FineBinsPerBin"/>. It only grows with the value.</summary>
        public string FineSql(string v) => Constant ? "0"
            : $"least(greatest(CAST(floor(({v} - {Distributions.Format(edges[0])}) / {Distributions.Format(FineWidth)}) AS BIGINT), 0), {Bins * FineBinsPerBin - 1})";

        public IEnumerable<long> NeededRanks() => Probabilities.SelectMany(p =>
        {
            var h = (present - 1) * p;
            var low = (long)Math.Floor(h);
            return h > low ? new[] { low, low + 1 } : [low];
        }).Distinct();

        /// <summary>The cell and the 0-based position within it of each needed rank.</summary>
        private List<(long Rank, Cell Cell, long Offset)> Locate()
        {
            var located = new List<(long, Cell, long)>();
            foreach (var rank in NeededRanks())
            {
                long before = 0;
                foreach (var cell in Cells)
                {
                    if (rank < before + cell.Count)
                    {
                        located.Add((rank, cell, rank - before));
                        break;
                    }
                    before += cell.Count;
                }
            }
            return located;
        }

        public IEnumerable<long> RanksAt(int fine, long offset) =>
            Locate().Where(item => item.Cell.Fine == fine && item.Offset == offset).Select(item => item.Rank);

        /// <summary>The needed order statistics that are a cell's least or greatest value.</summary>
        public IEnumerable<(long Rank, double Value)> KnownFromCells() => Locate()
            .Where(item => IsKnown(item.Cell, item.Offset))
            .Select(item => (item.Rank, item.Offset == 0 ? item.Cell.Min : item.Cell.Max));

        private static bool IsKnown(Cell cell, long offset) => cell.Min == cell.Max || offset == 0 || offset == cell.Count - 1;

        /// <summary>SQL returning (index, fine, offset, value) for the other needed order statistics; null when there are none.</summary>
        public string? PickSql()
        {
            var wanted = Locate().Where(item => !IsKnown(item.Cell, item.Offset)).GroupBy(item => item.Cell.Fine).ToList();
            if (wanted.Count == 0) return null;
            // Slightly widened value ranges first: cheap to test, they leave only the cells' rows for the exact bin test.
            var ranges = string.Join(" OR ", wanted.Select(cell =>
            {
                var (low, high) = CellRange(cell.Key);
                return $"v BETWEEN {Distributions.Format(low)} AND {Distributions.Format(high)}";
            }));
            string Offsets(Func<long, long> map) => "CASE fine " + string.Concat(wanted.Select(cell =>
                $"WHEN {cell.Key} THEN [{string.Join(", ", cell.Select(item => map(item.Offset)).Distinct())}] ")) + "END";
            return $"SELECT {Index} AS plan, fine, unnest({Offsets(offset => offset)}), unnest(list_select(sorted, {Offsets(offset => offset + 1)})) FROM (" +
                   $"SELECT fine, list_sort(list(v)) AS sorted FROM (SELECT v, {FineSql("v")} AS fine FROM (SELECT {ColumnSummaries.Number(Column)} AS v FROM {DataSource.Relation}) WHERE {ranges}) " +
                   $"WHERE fine IN ({string.Join(", ", wanted.Select(cell => cell.Key))}) GROUP BY fine)";
        }

        private int FineOf(double value) =>
            Constant ? 0 : (int)Math.Clamp(Math.Floor((value - edges[0]) / FineWidth), 0, Bins * FineBinsPerBin - 1);

        private static (double Lower, double Upper) Fences(double[] q) => (q[0] - 1.5 * (q[2] - q[0]), q[2] + 1.5 * (q[2] - q[0]));

        /// <summary>
        /// Rows in cells at least two away from each fence, which lie wholly beyond it whatever the rounding of the
        /// bin arithmetic; the cells next to a fence are counted exactly by <see cref="BoundaryCounts"/>.
        /// </summary>
        public (long Below, long Above, long AtMedian) CountsFromCells(double[] q)
        {
            var (lower, upper) = Fences(q);
            return (Cells.Where(cell => cell.Fine <= FineOf(lower) - 2).Sum(cell => cell.Count),
                    Cells.Where(cell => cell.Fine >= FineOf(upper) + 2).Sum(cell => cell.Count), 0);
        }

        /// <summary>Three aggregates: rows below the lower fence and above the upper one within the cells next to each fence, and rows at the median.</summary>
        public IEnumerable<string> BoundaryCounts(double[] q)
        {
            var (lower, upper) = Fences(q);
            string Near(double value)
            {
                var fine = FineOf(value);
                var range = Constant ? "" : $"{V} BETWEEN {Distributions.Format(value - 2 * FineWidth - Slack)} AND {Distributions.Format(value + 2 * FineWidth + Slack)} AND ";
                return $"{range}{FineSql(V)} BETWEEN {fine - 1} AND {fine + 1}";
            }
            yield return $"sum(CASE WHEN {V} < {Distributions.Format(lower)} AND {Near(lower)} THEN 1 ELSE 0 END)";
            yield return $"sum(CASE WHEN {V} > {Distributions.Format(upper)} AND {Near(upper)} THEN 1 ELSE 0 END)";
            yield return $"sum(CASE WHEN {V} = {Distributions.Format(q[1])} THEN 1 ELSE 0 END)";
        }

        private double Slack => (edges[^1] - edges[0]) * 1e-9;

        private (double Low, double High) CellRange(int fine)
        {
            if (Constant) return (edges[0], edges[0]);
            var slack = (edges[^1] - edges[0]) * 1e-9;
            var low = edges[0] + fine * FineWidth;
            return (low - slack, low + FineWidth + slack);
        }

        public double Quantile(double p, Dictionary<(int, long), double> values)
        {
            var h = (present - 1) * p;
            var low = (long)Math.Floor(h);
            var lower = values[(Index, low)];
            return h > low ? lower + (h - low) * (values[(Index, low + 1)] - lower) : lower;
        }

        public Histogram Histogram()
        {
            var counts = new long[Bins];
            foreach (var cell in Cells) counts[Math.Min(cell.Fine / FineBinsPerBin, Bins - 1)] += cell.Count;
            return new Histogram(counts.Select((count, i) => new HistogramBin(edges[i], edges[i + 1], count)).ToList());
        }
    }
}
