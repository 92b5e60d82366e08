namespace Flywheel.Operate.Monitoring.Attribution;

/// <summary>Model Monitor's feature-attribution drift: NDCG of the current importance ranking scored by the baseline's attributions.</summary>
public static class AttributionRanking
{
    /// <summary>
    /// NDCG = DCG / iDCG, DCG = Σᵢ a(F′ᵢ) / log₂(i + 1) over the current ranking F′ with the baseline attributions a,
    /// iDCG the same over the baseline's own ranking. 1 when the rankings agree.
    /// </summary>
    /// <remarks>
    /// Rankings are by descending attribution, ties broken by feature name (ordinal) so the result is deterministic; a
    /// baseline feature absent from <paramref name="current"/> counts as 0 there (ranked last), a feature only in
    /// <paramref name="current"/> has no baseline attribution and scores 0. Attributions are magnitudes (absolute
    /// values). An empty or all-zero baseline gives 1 (nothing to lose).
    /// </remarks>
    public static double Ndcg(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> current)
    {
        var ideal = Dcg(Rank(baseline), baseline);
        if (ideal == 0) return 1.0;
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in baseline.Keys) features[name] = Math.Abs(current.GetValueOrDefault(name));
        foreach (var (name, value) in current) features[name] = Math.Abs(value);
        return Dcg(Rank(features), baseline) / ideal;
    }

    static List<string> Rank(IReadOnlyDictionary<string, double> attributions)
    {
        var names = attributions.Keys.ToList();
        names.Sort((x, y) =>
        {
            var byValue = Math.Abs(attributions[y]).CompareTo(Math.Abs(attributions[x]));
            return byValue != 0 ? byValue : string.CompareOrdinal(x, y);
        });
        return names;
    }

    static double Dcg(List<string> ranking, IReadOnlyDictionary<string, double> baseline)
    {
        var sum = 0.0;
        for (var i = 0; i < ranking.Count; i++)
            sum += Math.Abs(baseline.GetValueOrDefault(ranking[i])) / Math.Log2(i + 2);
        return sum;
    }
}
