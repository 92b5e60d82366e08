using Flywheel.Evaluation;
using Flywheel.Evaluation.Importance;
using Flywheel.Training.Curves;
using Flywheel.Training.Ensembles;
using Flywheel.Training.Search;

namespace Flywheel.Evaluation.Results;

/// <summary>One trial as stored and shown on the leaderboard.</summary>
public sealed record TrialRecord(
    int Number,
    string Trainer,
    IReadOnlyDictionary<string, double> Hyperparameters,
    string Origin,
    double Objective,
    IReadOnlyDictionary<string, double> Metrics,
    double? DurationSeconds,
    int Seed,
    string? Error)
{
    public static TrialRecord From(Trial trial) => new(
        trial.Number, trial.Trainer, trial.Hyperparameters.Values, trial.Origin.ToString().ToLowerInvariant(),
        trial.Objective, trial.Metrics, trial.Duration.TotalSeconds, trial.Seed, trial.Error);
}

/// <summary>One member of the ensemble: the trial, its trainer, its weight (share of the picks) and the hyperparameters it was refit with.</summary>
public sealed record EnsembleMemberRecord(int Trial, string Trainer, double Weight, IReadOnlyDictionary<string, double> Hyperparameters);

/// <summary>The ensemble the package holds: its members and the objective and metrics of its averaged out-of-sample predictions.</summary>
public sealed record EnsembleRecord(string Name, IReadOnlyList<EnsembleMemberRecord> Members, double Objective, IReadOnlyDictionary<string, double> Metrics)
{
    public static EnsembleRecord From(EnsembleChoice choice) => new(
        choice.Describe(),
        choice.Members.Select(m => new EnsembleMemberRecord(m.Trial.Number, m.Trial.Trainer, m.Weight(choice.Picks), m.Hyperparameters.Values)).ToList(),
        choice.Score.Objective,
        choice.Score.Metrics);
}

/// <summary>A row of the leaderboard: a trial, or the ensemble (no trial number, no duration).</summary>
public sealed record LeaderboardRow(int? Trial, string Model, double Objective, double? DurationSeconds, IReadOnlyDictionary<string, double> Settings);

/// <summary>
/// How a model was trained, stored in its package manifest (see <see cref="Deterministic"/>): the task and why, the objective, the
/// validation scheme, every trial, the best configuration, the ensemble when one was chosen over it, the learning
/// curve and its diagnosis, fingerprints, permutation importance and inference latency. <see cref="Trainer"/> names
/// the model the package holds: a trainer, or the ensemble's name.
/// </summary>
public sealed record TrainingRecord(
    string UseCase,
    string Task,
    string TaskReason,
    string Target,
    string Objective,
    bool HigherIsBetter,
    string Validation,
    int Seed,
    double BudgetSeconds,
    IReadOnlyList<TrialRecord> Trials,
    int BestTrial,
    string Trainer,
    IReadOnlyDictionary<string, double> Hyperparameters,
    LearningCurve? Curve,
    FitDiagnosis? Diagnosis,
    string DataFingerprint,
    string SplitFingerprint,
    IReadOnlyDictionary<string, int> Rows,
    PermutationImportanceResult? Importance,
    LatencySummary? Latency,
    IReadOnlyDictionary<string, double> StageSeconds,
    string MlNetVersion,
    EnsembleRecord? Ensemble = null)
{
    /// <summary>Successful trials and the ensemble, best first by the objective; ties keep trials first, earlier first.</summary>
    public IReadOnlyList<LeaderboardRow> Leaderboard()
    {
        var rows = Trials.Where(t => t.Error is null)
            .Select(t => new LeaderboardRow(t.Number, t.Trainer, t.Objective, t.DurationSeconds, t.Hyperparameters))
            .ToList();
        if (Ensemble is { } ensemble)
            rows.Add(new LeaderboardRow(null, ensemble.Name, ensemble.Objective, null,
                ensemble.Members.ToDictionary(m => $"weight#{m.Trial}", m => m.Weight)));
        var ranked = HigherIsBetter ? rows.OrderByDescending(r => r.Objective) : rows.OrderBy(r => r.Objective);
        return ranked.ThenBy(r => r.Trial ?? int.MaxValue).ToList();
    }

    /// <summary>
    /// The record without what depends on the machine (durations, latency, stage times), as stored in the model
    /// package: the package id is a function of what was trained. Durations stay in the run store.
    /// </summary>
    public TrainingRecord Deterministic() => this with
    {
        Trials = Trials.Select(trial => trial with { DurationSeconds = null }).ToList(),
        Latency = null,
        StageSeconds = new Dictionary<string, double>(),
    };
}

/// <summary>What a package's manifest holds as <c>metrics</c>: the test and validation evaluations and the training record.</summary>
public sealed record PackagedMetrics(EvaluationReport Test, EvaluationReport Validation, TrainingRecord Training);
