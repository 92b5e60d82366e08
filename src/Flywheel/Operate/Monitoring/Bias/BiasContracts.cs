namespace Flywheel.Operate.Monitoring.Bias;

/// <summary>
/// The rows Clarify's metrics read: for each row, whether it is in facet d (else facet a), its observed label
/// (positive or not), its predicted label (null for pre-training metrics only), and its subgroup for CDDL/CDDPL
/// (null: one group).
/// </summary>
public sealed record BiasRows(bool[] InFacetD, bool[] Observed, bool[]? Predicted = null, string[]? Subgroups = null);

/// <summary>
/// Clarify's bias metrics (OPERATE.md §6), by their Clarify names; x/0 = ±∞, 0/0 = 0, and ∞ − ∞ (both sides
/// divided by zero the same way) = 0. Values can be ±∞: <see cref="JsonSafe"/> makes them writable.
/// </summary>
public static class ClarifyMetrics
{
    public static readonly string[] PreTrainingNames = ["CI", "DPL", "KL", "JS", "LP", "TVD", "KS", "CDDL"];
    public static readonly string[] PostTrainingNames = ["DPPL", "DI", "DCAcc", "DCR", "RD", "DAR", "DRR", "AD", "TE", "CDDPL", "GE"];

    /// <summary>CI, DPL, KL, JS, LP, TVD, KS, CDDL on observed labels.</summary>
    public static IReadOnlyDictionary<string, double> PreTraining(BiasRows rows)
    {
        var c = FacetCounts.Of(rows);
        // Label distributions over {positive, negative} per facet.
        double[] pa = [Ratio.Div(c.PositiveA, c.A), Ratio.Div(c.A - c.PositiveA, c.A)];
        double[] pd = [Ratio.Div(c.PositiveD, c.D), Ratio.Div(c.D - c.PositiveD, c.D)];
        double[] mean = [(pa[0] + pd[0]) / 2, (pa[1] + pd[1]) / 2];
        var dpl = Ratio.Sub(pa[0], pd[0]);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["CI"] = Ratio.Div(c.A - c.D, c.A + c.D),
            ["DPL"] = dpl,
            ["KL"] = KullbackLeibler(pa, pd),
            ["JS"] = (KullbackLeibler(pa, mean) + KullbackLeibler(pd, mean)) / 2,
            ["LP"] = Math.Sqrt((pa[0] - pd[0]) * (pa[0] - pd[0]) + (pa[1] - pd[1]) * (pa[1] - pd[1])),
            ["TVD"] = (Math.Abs(pa[0] - pd[0]) + Math.Abs(pa[1] - pd[1])) / 2,
            ["KS"] = Math.Max(Math.Abs(pa[0] - pd[0]), Math.Abs(pa[1] - pd[1])),
            ["CDDL"] = ConditionalDemographicDisparity(rows.InFacetD, rows.Observed, rows.Subgroups),
        };
    }

    /// <summary>DPPL, DI, DCAcc, DCR, RD, DAR, DRR, AD, TE, CDDPL, GE on observed and predicted labels.</summary>
    public static IReadOnlyDictionary<string, double> PostTraining(BiasRows rows)
    {
        var predicted = rows.Predicted ?? throw new ArgumentException("Post-training metrics need predicted labels.", nameof(rows));
        var c = FacetCounts.Of(rows);
        double qa = Ratio.Div(c.PredictedPositiveA, c.A), qd = Ratio.Div(c.PredictedPositiveD, c.D);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["DPPL"] = Ratio.Sub(qa, qd),
            ["DI"] = Ratio.Div(qd, qa),
            ["DCAcc"] = Ratio.Sub(Ratio.Div(c.PositiveA, c.PredictedPositiveA), Ratio.Div(c.PositiveD, c.PredictedPositiveD)),
            ["DCR"] = Ratio.Sub(Ratio.Div(c.D - c.PositiveD, c.D - c.PredictedPositiveD), Ratio.Div(c.A - c.PositiveA, c.A - c.PredictedPositiveA)),
            ["RD"] = Ratio.Sub(Ratio.Div(c.TruePositiveA, c.PositiveA), Ratio.Div(c.TruePositiveD, c.PositiveD)),
            ["DAR"] = Ratio.Sub(Ratio.Div(c.TruePositiveA, c.PredictedPositiveA), Ratio.Div(c.TruePositiveD, c.PredictedPositiveD)),
            ["DRR"] = Ratio.Sub(Ratio.Div(c.TrueNegativeD, c.D - c.PredictedPositiveD), Ratio.Div(c.TrueNegativeA, c.A - c.PredictedPositiveA)),
            ["AD"] = Ratio.Sub(Ratio.Div(c.TruePositiveA + c.TrueNegativeA, c.A), Ratio.Div(c.TruePositiveD + c.TrueNegativeD, c.D)),
            ["TE"] = Ratio.Sub(Ratio.Div(c.FalseNegativeD, c.FalsePositiveD), Ratio.Div(c.FalseNegativeA, c.FalsePositiveA)),
            ["CDDPL"] = ConditionalDemographicDisparity(rows.InFacetD, predicted, rows.Subgroups),
            ["GE"] = GeneralizedEntropy(rows.Observed, predicted),
        };
    }

    /// <summary>
    /// The metrics as JSON can hold them: ±∞ (a facet with no predicted positives, …) becomes ±<see cref="double.MaxValue"/>,
    /// NaN is left out. The report's readers show |value| = MaxValue as ∞.
    /// </summary>
    public static IReadOnlyDictionary<string, double> JsonSafe(IReadOnlyDictionary<string, double> metrics)
    {
        var safe = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in metrics)
        {
            if (double.IsNaN(value)) continue;
            safe[name] = double.IsPositiveInfinity(value) ? double.MaxValue : double.IsNegativeInfinity(value) ? -double.MaxValue : value;
        }
        return safe;
    }

    static double KullbackLeibler(double[] p, double[] q)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
            if (p[i] > 0) sum += p[i] * Math.Log(Ratio.Div(p[i], q[i]));
        return sum;
    }

    /// <summary>CDD = Σᵢ nᵢ·DDᵢ / n, DDᵢ = n_d(0)ᵢ/n(0)ᵢ − n_d(1)ᵢ/n(1)ᵢ per subgroup (one group when none are given).</summary>
    static double ConditionalDemographicDisparity(bool[] inFacetD, bool[] labels, string[]? subgroups)
    {
        var groups = new Dictionary<string, (long Rows, long Negative, long NegativeD, long Positive, long PositiveD)>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            var key = subgroups?[i] ?? "";
            var g = groups.GetValueOrDefault(key);
            g.Rows++;
            if (labels[i])
            {
                g.Positive++;
                if (inFacetD[i]) g.PositiveD++;
            }
            else
            {
                g.Negative++;
                if (inFacetD[i]) g.NegativeD++;
            }
            groups[key] = g;
        }
        var sum = 0.0;
        foreach (var g in groups.Values)
            sum += g.Rows * Ratio.Sub(Ratio.Div(g.NegativeD, g.Negative), Ratio.Div(g.PositiveD, g.Positive));
        return Ratio.Div(sum, labels.Length);
    }

    /// <summary>GE(α = 2) = Σ[(bᵢ/b̄)² − 1]/(2N), bᵢ = ŷᵢ − yᵢ + 1.</summary>
    static double GeneralizedEntropy(bool[] observed, bool[] predicted)
    {
        var n = observed.Length;
        if (n == 0) return 0;
        var mean = 0.0;
        for (var i = 0; i < n; i++) mean += Benefit(observed[i], predicted[i]);
        mean /= n;
        if (mean == 0) return 0;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var ratio = Benefit(observed[i], predicted[i]) / mean;
            sum += ratio * ratio - 1;
        }
        return sum / (2.0 * n);
    }

    static double Benefit(bool observed, bool predicted) => (predicted ? 1 : 0) - (observed ? 1 : 0) + 1;
}
