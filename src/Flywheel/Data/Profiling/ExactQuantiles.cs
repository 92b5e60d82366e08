using System.Globalization;
using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>
/// Exact quartiles without sorting whole columns. One GROUP BY per column counts rows in fine bins (the display
/// histogram's bins split <see cref="FineBinsPerBin"/> ways); the cumulative counts locate the fine bin that holds each
/// needed order statistic, and one query picks those statistics out of their (small) bins with ORDER BY … OFFSET.
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

    public static Dictionary<string, Result> Compute(DataSource source, IReadOnlyList<(SourceColumn Column, NumericSummary Numbers, long Present)> numeric, int bins)
    {
        var plans = numeric.Select(item => new Plan(item.Column, item.Present, Distributions.Edges(item.Numbers.Min, item.Numbers.Max, bins))).ToList();
        foreach (var plan in plans) plan.Cells = CountCells(source, plan);

        // One subquery per column picks all its needed order statistics: the rows of the cells that hold them,
        // numbered within their cell.
        var values = new Dictionary<(string, long), double>();
        var parts = plans.Select((plan, index) => plan.PickSql(index)).Where(sql => sql is not null).ToList();
        if (parts.Count > 0)
        {
            var rows = source.Query(string.Join(" UNION ALL ", parts), reader =>
                ((int)SqlValues.Long(reader, 0), (int)SqlValues.Long(reader, 1), SqlValues.Long(reader, 2), SqlValues.Double(reader, 3)!.Value));
            foreach (var (index, fine, offset, value) in rows)
            {
                foreach (var rank in plans[index].RanksAt(fine, offset)) values[(plans[index].Column.Name, rank)] = value;
            }
        }
        var quartiles = plans.Select(plan => Probabilities.Select(p => plan.Quantile(p, values)).ToArray()).ToList();

        // Fence and median counts: whole cells from the cell counts, and only the cells around each boundary scanned.
        var counts = plans.Select((plan, i) => plan.CountsFromCells(quartiles[i])).ToList();
        var fenceParts = plans.Select((plan, i) => plan.BoundarySql(i, quartiles[i])).ToList();
        if (fenceParts.Count > 0)
        {
            foreach (var (index, below, above, atMedian) in source.Query(string.Join(" UNION ALL ", fenceParts), reader =>
                ((int)SqlValues.Long(reader, 0), SqlValues.Long(reader, 1), SqlValues.Long(reader, 2), SqlValues.Long(reader, 3))))
            {
                counts[index] = (counts[index].Below + below, counts[index].Above + above, atMedian);
            }
        }
        return plans.Select((plan, i) => (plan, i)).ToDictionary(item => item.plan.Column.Name, item =>
        {
            var (q, c) = (quartiles[item.i], counts[item.i]);
            return new Result(q[0], q[1], q[2], item.plan.Histogram(), c.Below, c.Above, c.AtMedian);
        });
    }

    private static List<(int Fine, long Count)> CountCells(DataSource source, Plan plan)
    {
        var x = ColumnSummaries.Number(plan.Column);
        return source.Query(
            $"SELECT {plan.FineSql} AS fine, count(*) FROM {DataSource.Relation} WHERE {x} IS NOT NULL GROUP BY ALL ORDER BY fine",
            reader => ((int)SqlValues.Long(reader, 0), SqlValues.Long(reader, 1)));
    }

    private sealed class Plan(SourceColumn column, long present, double[] edges)
    {
        public SourceColumn Column { get; } = column;
        public List<(int Fine, long Count)> Cells { get; set; } = [];

        private string X => ColumnSummaries.Number(Column);
        private int Bins => edges.Length - 1;
        private bool Constant => edges[0] == edges[^1];
        private double FineWidth => (edges[^1] - edges[0]) / (Bins * (double)FineBinsPerBin);

        /// <summary>The fine bin over the whole range; display bin = fine bin ÷ <see cref="FineBinsPerBin"/>. It only grows with the value.</summary>
        public string FineSql => Constant ? "0"
            : $"least(greatest(CAST(floor(({X} - {Distributions.Format(edges[0])}) / {Distributions.Format(FineWidth)}) AS BIGINT), 0), {Bins * FineBinsPerBin - 1})";

        public IEnumerable<long> NeededRanks() => Probabilities.SelectMany(p =>
        {
            var h = (present - 1) * p;
            var low = (long)Math.Floor(h);
            return h > low ? new[] { low, low + 1 } : [low];
        }).Distinct();

        /// <summary>The cell and the 0-based position within it of each needed rank.</summary>
        private List<(long Rank, int Fine, long Offset)> Locate()
        {
            var located = new List<(long, int, long)>();
            foreach (var rank in NeededRanks())
            {
                long before = 0;
                foreach (var cell in Cells)
                {
                    if (rank < before + cell.Count)
                    {
                        located.Add((rank, cell.Fine, rank - before));
                        break;
                    }
                    before += cell.Count;
                }
            }
            return located;
        }

        public IEnumerable<long> RanksAt(int fine, long offset) =>
            Locate().Where(item => item.Fine == fine && item.Offset == offset).Select(item => item.Rank);

        /// <summary>SQL returning (index, fine, offset, value) for each needed order statistic of this column.</summary>
        public string? PickSql(int index)
        {
            var located = Locate();
            if (located.Count == 0) return null;
            var cells = located.Select(item => item.Fine).Distinct().ToList();
            // Slightly widened value ranges first: cheap to test, they leave only the cells' rows for the exact bin test.
            var ranges = string.Join(" OR ", cells.Select(fine =>
            {
                var (low, high) = CellRange(fine);
                return $"{X} BETWEEN {Distributions.Format(low)} AND {Distributions.Format(high)}";
            }));
            var wanted = string.Join(" OR ", located.Select(item => $"(fine = {item.Fine} AND cell_rank = {item.Offset})").Distinct());
            return $"SELECT {index} AS plan, fine, cell_rank, v FROM (" +
                   $"SELECT fine, v, row_number() OVER (PARTITION BY fine ORDER BY v) - 1 AS cell_rank FROM (" +
                   $"SELECT {FineSql} AS fine, {X} AS v FROM {DataSource.Relation} WHERE {ranges}) WHERE fine IN ({string.Join(", ", cells)})) " +
                   $"WHERE {wanted}";
        }

        private int FineOf(double value) =>
            Constant ? 0 : (int)Math.Clamp(Math.Floor((value - edges[0]) / FineWidth), 0, Bins * FineBinsPerBin - 1);

        private static (double Lower, double Upper) Fences(double[] q) => (q[0] - 1.5 * (q[2] - q[0]), q[2] + 1.5 * (q[2] - q[0]));

        /// <summary>
        /// Rows in cells at least two away from each fence, which lie wholly beyond it whatever the rounding of the
        /// bin arithmetic; the cells next to a fence are counted exactly by <see cref="BoundarySql"/>.
        /// </summary>
        public (long Below, long Above, long AtMedian) CountsFromCells(double[] q)
        {
            var (lower, upper) = Fences(q);
            return (Cells.Where(cell => cell.Fine <= FineOf(lower) - 2).Sum(cell => cell.Count),
                    Cells.Where(cell => cell.Fine >= FineOf(upper) + 2).Sum(cell => cell.Count), 0);
        }

        /// <summary>SQL returning (index, below, above, atMedian) counted over the cells next to the fences and the median.</summary>
        public string BoundarySql(int index, double[] q)
        {
            var (lower, upper) = Fences(q);
            var near = new List<string>();
            string Near(double value)
            {
                var fine = FineOf(value);
                return $"fine BETWEEN {fine - 1} AND {fine + 1}";
            }
            string Range(double value) => $"v BETWEEN {Distributions.Format(value - 2 * FineWidth - Slack)} AND {Distributions.Format(value + 2 * FineWidth + Slack)}";
            var prefilter = Constant ? "true" : string.Join(" OR ", new[] { lower, upper, q[1] }.Select(Range));
            return $"SELECT {index} AS plan, " +
                   $"count(*) FILTER (WHERE v < {Distributions.Format(lower)} AND {Near(lower)}), " +
                   $"count(*) FILTER (WHERE v > {Distributions.Format(upper)} AND {Near(upper)}), " +
                   $"count(*) FILTER (WHERE v = {Distributions.Format(q[1])}) " +
                   $"FROM (SELECT v, {FineSql.Replace(X, "v", StringComparison.Ordinal)} AS fine FROM (SELECT {X} AS v FROM {DataSource.Relation}) WHERE {prefilter})";
        }

        private double Slack => (edges[^1] - edges[0]) * 1e-9;

        private (double Low, double High) CellRange(int fine)
        {
            if (Constant) return (edges[0], edges[0]);
            var slack = (edges[^1] - edges[0]) * 1e-9;
            var low = edges[0] + fine * FineWidth;
            return (low - slack, low + FineWidth + slack);
        }

        public double Quantile(double p, Dictionary<(string, long), double> values)
        {
            var h = (present - 1) * p;
            var low = (long)Math.Floor(h);
            var lower = values[(Column.Name, low)];
            return h > low ? lower + (h - low) * (values[(Column.Name, low + 1)] - lower) : lower;
        }

        public Histogram Histogram()
        {
            var counts = new long[Bins];
            foreach (var cell in Cells) counts[Math.Min(cell.Fine / FineBinsPerBin, Bins - 1)] += cell.Count;
            return new Histogram(counts.Select((count, i) => new HistogramBin(edges[i], edges[i + 1], count)).ToList());
        }
    }
}
