namespace Flywheel.Training.Curves;

/// <summary>What a learning curve says about the fit, and what a practitioner would try next.</summary>
public sealed record FitDiagnosis(string Verdict, string Finding, IReadOnlyList<string> Advice);

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

    public static IReadOnlyList<FitRule> Rules { get; } =
    [
        new("overfitting",
            curve => Decline(curve) > DeclineTolerance,
            curve => $"validation {curve.Metric} peaked at {curve.BestIterations} iterations and worsened afterwards while training kept improving",
            [
                "stop at the best iteration count (early stopping already does this for the chosen model)",
                "lower the learning rate and raise the iterations together",
                "regularize: fewer leaves, more rows per leaf, stronger L2",
                "collect more labelled rows",
            ]),
        new("overfitting",
            curve => Gap(curve) > GapTolerance,
            curve => $"training {curve.Metric} ({curve.Best.Train:G4}) is far better than validation ({curve.Best.Validation:G4}): the model memorizes part of the training rows",
            [
                "regularize: fewer leaves, more rows per leaf, stronger L2, a feature fraction below 1",
                "collect more labelled rows",
                "check for features that leak the answer into training only",
            ]),
        new("underfitting",
            curve => curve.BestIterations == curve.Last.Iterations && curve.Points.Count > 1,
            curve => $"validation {curve.Metric} was still improving at {curve.Last.Iterations} iterations",
            [
                "allow more iterations or a higher learning rate",
                "allow more leaves per tree",
                "add features that carry more signal",
            ]),
        new("good fit",
            _ => true,
            curve => $"validation {curve.Metric} levels off around {curve.BestIterations} iterations, close to training",
            ["more labelled rows are the surest next gain"]),
    ];

    public static FitDiagnosis Diagnose(LearningCurve curve)
    {
        var rule = Rules.First(r => r.Applies(curve));
        return new FitDiagnosis(rule.Verdict, rule.Finding(curve), rule.Advice);
    }

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
