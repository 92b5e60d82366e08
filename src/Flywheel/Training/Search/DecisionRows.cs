using Flywheel.Tasks;

namespace Flywheel.Training.Search;

/// <summary>
/// The out-of-sample predictions a decision policy (threshold, review band, floor) is chosen on, where they come
/// from (<see cref="Rows"/>: positions in train followed by validation) and how they were made.
/// </summary>
public sealed record DecisionRows(Predictions Predictions, IReadOnlyList<int> Rows, string Description)
{
    /// <summary>A validation split below this many rows is too small to choose a threshold on alone.</summary>
    public const int MinimumRows = 5000;

    /// <summary>... or with fewer rows than this in its rarest class (the positives, for binary).</summary>
    public const int MinimumRarestClass = 200;

    public const int Folds = 5;

    /// <summary>
    /// Whether a policy chosen on these holdout predictions would be the luckiest point of a small split, so it should
    /// be chosen on out-of-fold predictions over all non-test rows instead. Regression chooses no policy.
    /// </summary>
    public static bool TooFewForAPolicy(Predictions validation) => TooFew(validation.Task, validation.Actual);

    public static bool TooFewForAPolicy(FeatureTable validation) => TooFew(validation.Task, validation.Labels);

    /// <summary>How many extra fits choosing on out-of-fold predictions takes per configuration: the folds, or 0.</summary>
    public static int ExtraFits(ValidationScheme scheme) => scheme is Holdout holdout && TooFewForAPolicy(holdout.Validation) ? Folds : 0;

    private static bool TooFew(MlTask task, IReadOnlyList<double> labels)
    {
        if (task == MlTask.Regression) return false;
        var rarest = labels.GroupBy(label => label).Select(g => g.Count()).DefaultIfEmpty(0).Min();
        return labels.Count < MinimumRows || rarest < MinimumRarestClass;
    }
}
