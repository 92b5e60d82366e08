namespace Flywheel.Operate.Review;

/// <summary>
/// Majority vote over an item's answers (A2I's simple form of consolidation): the label most reviewers gave, with the
/// share of reviewers who gave it as the agreement. A tie for the most answers consolidates nothing: the item stays
/// open for one more reviewer, whose answer breaks it.
/// </summary>
public static class Consolidation
{
    public static (string? Label, double Agreement) Majority(IReadOnlyList<string> labels)
    {
        if (labels.Count == 0) return (null, 0);
        var counts = labels.GroupBy(label => label, StringComparer.Ordinal)
            .Select(group => (Label: group.Key, Count: group.Count()))
            .OrderByDescending(entry => entry.Count).ToList();
        var top = counts[0];
        var agreement = (double)top.Count / labels.Count;
        return counts.Count > 1 && counts[1].Count == top.Count ? (null, agreement) : (top.Label, agreement);
    }
}
