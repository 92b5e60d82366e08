using Flywheel.Operate.Monitoring.Bias;

namespace Flywheel.Tests.Operate.Monitoring;

public class ClarifyMetricsTests
{
    const double Tolerance = 1e-12;

    // Facet a (6 rows), (observed y, predicted ŷ, subgroup):
    //   (1,1,x) (1,1,x) (1,0,x) (0,1,y) (0,0,y) (0,0,y)
    //   nₐ = 6, nₐ(1) = 3, nₐ(0) = 3, n̂ₐ(1) = 3, n̂ₐ(0) = 3, TPₐ = 2, FNₐ = 1, FPₐ = 1, TNₐ = 2
    // Facet d (4 rows):
    //   (1,1,x) (0,1,x) (0,0,y) (0,0,y)
    //   n_d = 4, n_d(1) = 1, n_d(0) = 3, n̂_d(1) = 2, n̂_d(0) = 2, TP_d = 1, FP_d = 1, TN_d = 2, FN_d = 0
    static readonly BiasRows Table = new(
        InFacetD: [false, false, false, false, false, false, true, true, true, true],
        Observed: [true, true, true, false, false, false, true, false, false, false],
        Predicted: [true, true, false, true, false, false, true, true, false, false],
        Subgroups: ["x", "x", "x", "y", "y", "y", "x", "x", "y", "y"]);

    [Fact]
    public void Pre_training_metrics_equal_the_hand_computed_table()
    {
        var m = ClarifyMetrics.PreTraining(Table);
        Assert.Equal(ClarifyMetrics.PreTrainingNames.Order(), m.Keys.Order());
        // CI = (6 − 4)/(6 + 4) = 1/5
        Assert.Equal(1.0 / 5, m["CI"], Tolerance);
        // DPL = 3/6 − 1/4 = 1/4
        Assert.Equal(1.0 / 4, m["DPL"], Tolerance);
        // Pₐ = (1/2, 1/2), P_d = (1/4, 3/4): KL = ½ln(2) + ½ln(2/3) = ½ln(4/3)
        Assert.Equal(0.5 * Math.Log(4.0 / 3), m["KL"], Tolerance);
        // P = (3/8, 5/8): JS = ½[½ln(4/3) + ½ln(4/5) + ¼ln(2/3) + ¾ln(6/5)]
        Assert.Equal(0.5 * (0.5 * Math.Log(4.0 / 3) + 0.5 * Math.Log(4.0 / 5) + 0.25 * Math.Log(2.0 / 3) + 0.75 * Math.Log(6.0 / 5)), m["JS"], Tolerance);
        // LP = √((1/4)² + (1/4)²) = √2/4; TVD = ½(1/4 + 1/4) = 1/4; KS = max(1/4, 1/4) = 1/4
        Assert.Equal(Math.Sqrt(2) / 4, m["LP"], Tolerance);
        Assert.Equal(1.0 / 4, m["TVD"], Tolerance);
        Assert.Equal(1.0 / 4, m["KS"], Tolerance);
        // Subgroup x (5 rows): n(0) = 1, n_d(0) = 1, n(1) = 4, n_d(1) = 1 → DD = 1 − 1/4 = 3/4
        // Subgroup y (5 rows): n(0) = 5, n_d(0) = 2, n(1) = 0, n_d(1) = 0 → DD = 2/5 − 0/0 = 2/5
        // CDDL = (5·3/4 + 5·2/5)/10 = 23/40
        Assert.Equal(23.0 / 40, m["CDDL"], Tolerance);
    }

    [Fact]
    public void Post_training_metrics_equal_the_hand_computed_table()
    {
        var m = ClarifyMetrics.PostTraining(Table);
        Assert.Equal(ClarifyMetrics.PostTrainingNames.Order(), m.Keys.Order());
        Assert.Equal(0.0, m["DPPL"], Tolerance);             // 3/6 − 2/4
        Assert.Equal(1.0, m["DI"], Tolerance);               // (2/4)/(3/6)
        Assert.Equal(1.0 / 2, m["DCAcc"], Tolerance);        // 3/3 − 1/2
        Assert.Equal(1.0 / 2, m["DCR"], Tolerance);          // 3/2 − 3/3
        Assert.Equal(-1.0 / 3, m["RD"], Tolerance);          // 2/3 − 1/1
        Assert.Equal(1.0 / 6, m["DAR"], Tolerance);          // 2/3 − 1/2
        Assert.Equal(1.0 / 3, m["DRR"], Tolerance);          // 2/2 − 2/3
        Assert.Equal(-1.0 / 12, m["AD"], Tolerance);         // 4/6 − 3/4
        Assert.Equal(-1.0, m["TE"], Tolerance);              // 0/1 − 1/1
        // Predicted labels: x: n̂(0) = 1 (a3), n̂_d(0) = 0, n̂(1) = 4, n̂_d(1) = 2 → DD = 0 − 2/4 = −1/2;
        // y: n̂(0) = 4, n̂_d(0) = 2, n̂(1) = 1 (a4), n̂_d(1) = 0 → DD = 2/4 − 0 = 1/2; CDDPL = (5·(−1/2) + 5·1/2)/10 = 0
        Assert.Equal(0.0, m["CDDPL"], Tolerance);
        // b = ŷ − y + 1: 1 1 0 2 1 1 | 1 2 1 1, Σb = 11, b̄ = 11/10, Σb² = 15; GE = (15/1.21 − 10)/20 = 29/242
        Assert.Equal(29.0 / 242, m["GE"], Tolerance);
    }

    [Fact]
    public void Division_by_zero_is_signed_infinity_and_zero_over_zero_is_zero()
    {
        // a: (1,1) (0,0); d: (1,0) (0,0) — facet d has no predicted positives.
        var rows = new BiasRows([false, false, true, true], [true, false, true, false], [true, false, false, false]);
        var m = ClarifyMetrics.PostTraining(rows);
        Assert.Equal(double.NegativeInfinity, m["DCAcc"]);   // 1/1 − 1/0
        Assert.Equal(1.0, m["DAR"], Tolerance);              // 1/1 − 0/0
        Assert.Equal(0.0, m["DI"], Tolerance);               // (0/2)/(1/2)
        Assert.Equal(double.PositiveInfinity, m["TE"]);      // FN_d/FP_d = 1/0, FNₐ/FPₐ = 0/0

        // a: (1,0) (0,0); d: (1,1) (0,0) — facet a has no predicted positives: DI = (1/2)/(0/2) = +∞.
        var noneForA = ClarifyMetrics.PostTraining(new BiasRows([false, false, true, true], [true, false, true, false], [false, false, true, false]));
        Assert.Equal(double.PositiveInfinity, noneForA["DI"]);

        // Facet d has only negatives: P_d = (0, 1), Pₐ = (1/2, 1/2): KL = ½ln(1/2 / 0) + ½ln(1/2 / 1) = +∞.
        var pre = ClarifyMetrics.PreTraining(new BiasRows([false, false, true, true], [true, false, false, false]));
        Assert.Equal(double.PositiveInfinity, pre["KL"]);
        Assert.True(double.IsFinite(pre["JS"]));

        var safe = ClarifyMetrics.JsonSafe(m);
        Assert.Equal(-double.MaxValue, safe["DCAcc"]);
        Assert.Equal(double.MaxValue, safe["TE"]);
        Assert.All(safe.Values, value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void Post_training_metrics_need_predicted_labels_and_rows_of_one_length()
    {
        Assert.Throws<ArgumentException>(() => ClarifyMetrics.PostTraining(new BiasRows([true], [true])));
        Assert.Throws<ArgumentException>(() => ClarifyMetrics.PreTraining(new BiasRows([true, false], [true])));
    }
}
