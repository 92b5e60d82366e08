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

    public sealed record Result(double Q1, double Median, double Q3, Histogram Histogram);

    public static Dictionary<string, Result> Compute(DataSource source, IReadOnlyList<(SourceColumn Column, NumericSummary Numbers, long Present)> numeric, int bins)
    {
        var plans = numeric.Select(item => new Plan(item.Column, item.Present, Distributions.Edges(item.Numbers.Min, item.Numbers.Max, bins))).ToList();
        foreach (var plan in plans) plan.Cells = CountCells(source, plan);

        var picks = new List<(Plan Plan, long Rank, string Sql)>();
        foreach (var plan in plans)
        {
            foreach (var rank in plan.NeededRanks())
                picks.Add((plan, rank, plan.PickSql(rank)));
        }
        var values = new Dictionary<(string, long), double>();
        if (picks.Count > 0)
        {
            var sql = string.Join(" UNION ALL ", picks.Select((pick, i) => $"SELECT {i} AS pick, v FROM ({pick.Sql})"));
            foreach (var (pick, value) in source.Query(sql, reader => ((int)SqlValues.Long(reader, 0), SqlValues.Double(reader, 1)!.Value)))
                values[(picks[pick].Plan.Column.Name, picks[pick].Rank)] = value;
        }
        return plans.ToDictionary(plan => plan.Column.Name, plan =>
        {
            var quantiles = Probabilities.Select(p => plan.Quantile(p, values)).ToArray();
            return new Result(quantiles[0], quantiles[1], quantiles[2], plan.Histogram());
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

        /// <summary>SQL returning the value at 0-based rank <paramref name="rank"/> as column v.</summary>
        public string PickSql(long rank)
        {
            long before = 0;
            foreach (var cell in Cells)
            {
                if (rank < before + cell.Count)
                {
                    // A slightly widened value range first: cheap to test, it leaves only the cell's rows for the exact bin test.
                    var (low, high) = CellRange(cell.Fine);
                    return $"SELECT {X} AS v FROM {DataSource.Relation} WHERE {X} BETWEEN {Distributions.Format(low)} AND {Distributions.Format(high)} " +
                           $"AND {FineSql} = {cell.Fine} ORDER BY v LIMIT 1 OFFSET {rank - before}";
                }
                before += cell.Count;
            }
            throw new InvalidOperationException($"rank {rank} beyond {before} values of {Column.Name}");
        }

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
