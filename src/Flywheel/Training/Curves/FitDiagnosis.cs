using System.Text.Json.Serialization;

namespace Flywheel.Training.Curves;

/// <summary>What a learning curve says about the fit, and what a practitioner would try next.</summary>
public sealed record FitDiagnosis(string Verdict, string Finding, IReadOnlyList<string> Advice)
{
    /// <summary>Over- and underfitting call for action; a good fit or a curve still improving is information.</summary>
    [JsonIgnore]
    public bool IsConcern => Verdict is FitDiagnostics.Overfitting or FitDiagnostics.Underfitting;
}

/// <summary>A diagnosis rule: a name, when it applies to a curve, and its advice.</summary>
public sealed record FitRule(string Verdict, Func<LearningCurve, bool> Applies, Func<LearningCurve, string> Finding, IReadOnlyList<string> Advice);

/// <summary>
/// The rules, checked in order; the first that applies gives the diagnosis. The gap is measured relative to the
/// validation value so it reads the same for AUC, accuracy and RMSE.
/// </summary>
public static class FitDiagnostics
{
    /// <summary>A training score better than validation by more than this share of the validation value is a generalization gap.</summary>
    public const double GapTolerance = 0.10;

    /// <summary>Validation worse than its best by more than this share means the extra iterations hurt.</summary>
    public const double DeclineTolerance = 0.002;

    /// <summary>
    /// A training score further than this from the metric's perfect score is poor (see <see cref="TrainingShortfall"/>):
    /// only then is a curve still improving called underfitting.
    /// </summary>
    public const double UnderfitShortfall = 0.10;

    public const string Overfitting = "overfitting";
    public const string Underfitting = "underfitting";
    public const string StillImprovingVerdict = "still improving";
    public const string GoodFit = "good fit";

    /// <summary>Metrics scored in [0, 1] with 1 perfect.</summary>
    private static readonly HashSet<string> UnitScores = new(StringComparer.Ordinal)
    {
        "auc", "auc_pr", "accuracy", "balanced_accuracy", "f1", "f1_macro", "precision", "precision_macro", "recall", "recall_macro", "r2",
    };

    public static IReadOnlyList<FitRule> Rules { get; } =
    [
        new(Overfitting,
            curve => Decline(curve) > DeclineTolerance,
            curve => $"validation {curve.Metric} peaked at {curve.BestIterations} iterations and worsened afterwards while training kept improving",
            [
                "stop at the best iteration count (early stopping already does this for the chosen model)",
                "lower the learning rate and raise the iterations together",
                "regularize: fewer leaves, more rows per leaf, stronger L2",
                "collect more labelled rows",
            ]),
        new(Overfitting,
            curve => Gap(curve) > GapTolerance,
            curve => $"training {curve.Metric} ({Format(curve.Best.Train)}) is far better than validation ({Format(curve.Best.Validation)}): the model memorizes part of the training rows",
            [
                "regularize: fewer leaves, more rows per leaf, stronger L2, a feature fraction below 1",
                "collect more labelled rows",
                "check for features that leak the answer into training only",
            ]),
        new(Underfitting,
            curve => StillImproving(curve) && TrainingShortfall(curve) > UnderfitShortfall,
            curve => $"validation {curve.Metric} was still improving at {curve.Last.Iterations} iterations ({Trend(curve)}) and training reaches only " +
                     $"{Format(curve.Best.Train)}: the model does not fit even the rows it learns from",
            [
                "allow more iterations or a higher learning rate",
                "allow more leaves per tree",
                "add features that carry more signal",
            ]),
        new(StillImprovingVerdict,
            StillImproving,
            curve => $"validation {curve.Metric} was still improving at {curve.Last.Iterations} iterations ({Trend(curve)}); training reaches {Format(curve.Best.Train)}" +
                     (TrainingShortfall(curve) is null
                         ? $", and {curve.Metric} has no fixed best score to say whether the model is short of capacity"
                         : ", close to a perfect score, so the model is not short of capacity"),
            ["allow more iterations if the last gain matters: the curve had not levelled off"]),
        new(GoodFit,
            _ => true,
            curve => $"validation {curve.Metric} levels off around {curve.BestIterations} iterations, close to training",
            ["more labelled rows are the surest next gain"]),
    ];

    public static FitDiagnosis Diagnose(LearningCurve curve)
    {
        var rule = Rules.First(r => r.Applies(curve));
        return new FitDiagnosis(rule.Verdict, rule.Finding(curve), rule.Advice);
    }

    /// <summary>Validation best at the last checkpoint: more iterations were still paying.</summary>
    public static bool StillImproving(LearningCurve curve) => curve.BestIterations == curve.Last.Iterations && curve.Points.Count > 1;

    /// <summary>
    /// How far the training score at the best checkpoint falls short of perfect, on a 0–1 scale: 1 − score for metrics
    /// scored in [0, 1], 1 − e^(−log loss) for log loss (e^(−log loss) is the geometric mean probability given to the
    /// true class). Null for metrics without a fixed best score (RMSE, money).
    /// </summary>
    public static double? TrainingShortfall(LearningCurve curve)
    {
        var train = curve.Best.Train;
        if (curve.Metric == "log_loss") return 1 - Math.Exp(-Math.Max(0, train));
        return curve.HigherIsBetter && UnitScores.Contains(curve.Metric) ? 1 - train : null;
    }

    private static string Trend(LearningCurve curve) => $"{Format(curve.Points[^2].Validation)} → {Format(curve.Last.Validation)}";

    // Numbers as numbers: an RMSE of 37,850 must not read "3.785E+04".
    private static string Format(double value) => global::Flywheel.Value.Quantity.Format(value);

    /// <summary>How much better training is than validation at the best iteration, relative to validation (positive = training better).</summary>
    public static double Gap(LearningCurve curve)
    {
        var best = curve.Best;
        var ahead = curve.HigherIsBetter ? best.Train - best.Validation : best.Validation - best.Train;
        return ahead / Math.Max(Math.Abs(best.Validation), 1e-12);
    }

    /// <summary>How much worse validation ends than at its best, relative to the best (0 when it ends at its best).</summary>
    public static double Decline(LearningCurve curve)
    {
        var (best, last) = (curve.Best.Validation, curve.Last.Validation);
        var worse = curve.HigherIsBetter ? best - last : last - best;
        return worse / Math.Max(Math.Abs(best), 1e-12);
    }
}
