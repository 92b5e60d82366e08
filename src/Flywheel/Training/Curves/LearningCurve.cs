using Flywheel.Training.Search;
using Flywheel.Training.Trainers;

namespace Flywheel.Training.Curves;

/// <summary>The objective on training and validation rows after a number of boosting iterations.</summary>
public sealed record CurvePoint(int Iterations, double Train, double Validation);

/// <summary>
/// A boosted model's objective as iterations grow, and the iteration count early stopping picked.
/// <see cref="Applied"/> is false when that count scored worse by the search's objective on the validation rows,
/// so the model kept the searched count.
/// </summary>
public sealed record LearningCurve(string Trainer, string Metric, bool HigherIsBetter, IReadOnlyList<CurvePoint> Points, int BestIterations, int ConfiguredIterations, bool Applied = true)
{
    public CurvePoint Best => Points.First(p => p.Iterations == BestIterations);
    public CurvePoint Last => Points[^1];

    /// <summary>"Early stopping chose 50 iterations (the search configured 100)", and whether the model kept them.</summary>
    public string EarlyStoppingSummary() => Applied
        ? $"Early stopping chose {BestIterations} iterations (the search configured {ConfiguredIterations})."
        : $"Early stopping by {Metric} chose {BestIterations} iterations, but the search's objective was worse there on validation, so the model keeps the configured {ConfiguredIterations}.";
}

/// <summary>
/// Traces a learning curve by refitting at growing iteration counts (⅛, ¼, ½, 1, 1½, 2 × the configured count)
/// and stops early once validation has not improved for <see cref="Patience"/> checkpoints in a row.
/// </summary>
public static class LearningCurveTracer
{
    public const int Patience = 2;

    public static IReadOnlyList<int> Checkpoints(int configured) =>
        new[] { 0.125, 0.25, 0.5, 1.0, 1.5, 2.0 }
            .Select(share => Math.Max(1, (int)Math.Round(configured * share)))
            .Distinct().ToList();

    public static LearningCurve Trace(TrainerDefinition trainer, HyperparameterSet hyperparameters, FeatureTable train, FeatureTable validation, ITrialScorer scorer, int seed, CancellationToken cancellation = default)
    {
        var knob = trainer.Iterations ?? throw new ArgumentException($"{trainer.Name} is not a boosted trainer", nameof(trainer));
        var configured = hyperparameters.Int(knob.Name);
        var points = new List<CurvePoint>();
        CurvePoint? best = null;
        var sinceBest = 0;
        foreach (var iterations in Checkpoints(configured))
        {
            var model = TrialRunner.Fit(trainer, hyperparameters.With(knob.Name, iterations), seed, train, cancellation);
            var point = new CurvePoint(
                iterations,
                scorer.Score(TrialRunner.Predict(model, train, seed)).Objective,
                scorer.Score(TrialRunner.Predict(model, validation, seed)).Objective);
            points.Add(point);
            if (best is null || scorer.Better(point.Validation, best.Validation))
            {
                best = point;
                sinceBest = 0;
            }
            else if (++sinceBest >= Patience)
            {
                break;
            }
        }
        return new LearningCurve(trainer.Name, scorer.ObjectiveName, scorer.HigherIsBetter, points, best!.Iterations, configured);
    }
}
