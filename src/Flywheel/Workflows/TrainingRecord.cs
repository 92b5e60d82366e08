using Flywheel.Evaluation;
using Flywheel.Evaluation.Importance;
using Flywheel.Evaluation.Results;
using Flywheel.Training.Curves;
using Flywheel.Training.Search;

namespace Flywheel.Workflows;

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

/// <summary>
/// How a model was trained, stored in its package manifest (see <see cref="Deterministic"/>): the task and why, the objective, the
/// validation scheme, every trial, the chosen configuration, the learning curve and its diagnosis, fingerprints,
/// permutation importance and inference latency.
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
    string MlNetVersion)
{
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
