namespace Flywheel.Operate.Monitoring.Attribution;

/// <summary>Model Monitor's feature-attribution drift: NDCG of the current importance ranking scored by the baseline's attributions.</summary>
public static class AttributionRanking
{
    /// <summary>
    /// NDCG = DCG / iDCG, DCG = Σᵢ a(F′ᵢ) / log₂(i + 1) over the current ranking F′ with the baseline attributions a,
    /// iDCG the same over the baseline's own ranking. 1 when the rankings agree.
    /// </summary>
    public static double Ndcg(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> current) =>
        throw new NotImplementedException();
}
