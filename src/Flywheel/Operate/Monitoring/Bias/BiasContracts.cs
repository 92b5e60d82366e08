namespace Flywheel.Operate.Monitoring.Bias;

/// <summary>
/// The rows Clarify's metrics read: for each row, whether it is in facet d (else facet a), its observed label
/// (positive or not), its predicted label (null for pre-training metrics only), and its subgroup for CDDL/CDDPL
/// (null: one group).
/// </summary>
public sealed record BiasRows(bool[] InFacetD, bool[] Observed, bool[]? Predicted = null, string[]? Subgroups = null);

/// <summary>Clarify's bias metrics (OPERATE.md §6), by their Clarify names; x/0 = ±∞, 0/0 = 0.</summary>
public static class ClarifyMetrics
{
    /// <summary>CI, DPL, KL, JS, LP, TVD, KS, CDDL on observed labels.</summary>
    public static IReadOnlyDictionary<string, double> PreTraining(BiasRows rows) => throw new NotImplementedException();

    /// <summary>DPPL, DI, DCAcc, DCR, RD, DAR, DRR, AD, TE, CDDPL, GE on observed and predicted labels.</summary>
    public static IReadOnlyDictionary<string, double> PostTraining(BiasRows rows) => throw new NotImplementedException();
}
