using Flywheel.Tasks;

namespace Flywheel.Data.Preprocessing;

/// <summary>What task detection reads off a target column held in memory (see <see cref="TargetSummary"/>).</summary>
public static class TargetSummaries
{
    public static TargetSummary Of(TableColumn target) => target.IsNumeric
        ? TargetSummary.OfNumbers(Enumerable.Range(0, target.Count).Select(target.Number))
        : TargetSummary.OfTexts(target.Strings());
}
