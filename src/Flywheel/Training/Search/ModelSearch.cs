using System.Diagnostics;
using Flywheel.Telemetry;
using Flywheel.Training.Trainers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Training.Search;

/// <summary>
/// How long and how widely to search. <see cref="Budget"/> is the time for the search and what follows it in
/// training (learning curve, refit of the model or the ensemble's members): the search stops before a trial when the
/// fastest earlier fit of its trainer plus the estimated time to finish (<see cref="FinishingTime"/>) exceeds what
/// is left. The budget only truncates the seeded sequence of trials, so a larger budget never changes the first
/// trials; <see cref="MaxTrials"/> makes a run independent of machine speed.
/// </summary>
/// <param name="Ensemble">Whether an average of the best configurations may be chosen over the best single one.</param>
public sealed record SearchOptions(TimeSpan Budget, int Seed, int? MaxTrials = null, bool Ensemble = true)
{
    /// <summary>Where the search reports each trial (Information), failed trials (Warning) and the refit.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}

/// <summary>Tries trainers × hyperparameters within the budget and keeps the best by the scorer's objective.</summary>
public static class ModelSearch
{
    public static SearchResult Run(
        ValidationScheme scheme,
        IReadOnlyList<TrainerDefinition> trainers,
        ITrialScorer scorer,
        SearchOptions options,
        IProgress<SearchProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        if (trainers.Count == 0) throw new ArgumentException("no trainer to search over", nameof(trainers));
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Search, "flywheel.budget_seconds", options.Budget.TotalSeconds);
        var task = scheme.CurveSplit.Train.Task;
        var strategy = new SearchStrategy(trainers, options.Seed, scorer.HigherIsBetter);
        var trials = new List<Trial>();
        var kept = new Dictionary<int, Predictions>();
        Trial? best = null;
        var finishing = new FinishingTime(trainers, scheme.FitsPerEvaluation, scorer.HigherIsBetter, options.Ensemble, DecisionRows.ExtraFits(scheme));
        var clock = Stopwatch.StartNew();
        while (trials.Count == 0 || (clock.Elapsed < options.Budget && trials.Count < (options.MaxTrials ?? int.MaxValue)))
        {
            cancellation.ThrowIfCancellationRequested();
            var candidate = strategy.Next(trials);
            if (trials.Count > 0 && FastestFit(candidate.Trainer, trials) + finishing.Estimate(trials) > options.Budget - clock.Elapsed) break;
            var (trial, predictions) = RunTrial(trials.Count + 1, candidate, scheme, scorer, options, cancellation);
            trials.Add(trial);
            if (trial.Succeeded)
            {
                if (best is null || scorer.Better(trial.Objective, best.Objective)) best = trial;
                kept[trial.Number] = predictions!;
                var pool = SearchResult.EnsemblePool(trials, scorer.HigherIsBetter).Select(t => t.Number).ToHashSet();
                foreach (var number in kept.Keys.Where(n => !pool.Contains(n)).ToList()) kept.Remove(number);
            }
            progress?.Report(new SearchProgress(trials.Count, clock.Elapsed, options.Budget, trial, best, scorer.ObjectiveName));
        }
        activity?.SetTag("flywheel.trials", trials.Count);
        if (best is null)
            throw new InvalidOperationException($"every trial failed; the first error: {trials[0].Error}");
        options.Logger.LogInformation("search done: {Trials} trials in {Seconds:0.0} s, best trial {Best} ({Trainer}) {Objective} {Value:G5}",
            trials.Count, clock.Elapsed.TotalSeconds, best.Number, best.Trainer, scorer.ObjectiveName, best.Objective);
        return new SearchResult(task, scorer.ObjectiveName, scorer.HigherIsBetter, scheme.Describe(), trials, best, kept);
    }

    /// <summary>The shortest time an earlier trial of this trainer took; zero when it has not run yet.</summary>
    private static TimeSpan FastestFit(TrainerDefinition trainer, IReadOnlyList<Trial> trials) =>
        trials.Where(t => t.Trainer == trainer.Name).Select(t => t.Duration).DefaultIfEmpty(TimeSpan.Zero).Min();

    private static (Trial Trial, Predictions? Predictions) RunTrial(int number, Candidate candidate, ValidationScheme scheme, ITrialScorer scorer, SearchOptions options, CancellationToken cancellation)
    {
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Trial, "flywheel.trial", number);
        activity?.SetTag("flywheel.trainer", candidate.Trainer.Name);
        var seed = options.Seed;
        var clock = Stopwatch.StartNew();
        (Trial Trial, Predictions? Predictions) result;
        try
        {
            var predictions = scheme.Evaluate(candidate.Trainer, candidate.Hyperparameters, seed, cancellation);
            var score = scorer.Score(predictions);
            result = (new Trial(number, candidate.Trainer.Name, candidate.Hyperparameters, candidate.Origin, score.Objective, score.Metrics, clock.Elapsed, seed,
                double.IsFinite(score.Objective) ? null : $"the objective is {score.Objective}"), predictions);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException && !cancellation.IsCancellationRequested)
        {
            // A trainer can reject data (e.g. Poisson regression with negative targets); the search goes on without it.
            result = (new Trial(number, candidate.Trainer.Name, candidate.Hyperparameters, candidate.Origin, double.NaN,
                new Dictionary<string, double>(), clock.Elapsed, seed, error.Message), null);
        }
        catch (Exception error)
        {
            FlywheelTelemetry.Fail(activity, error);
            throw;
        }
        var trial = result.Trial;
        var tags = new TagList { { "flywheel.trainer", trial.Trainer }, { "flywheel.succeeded", trial.Succeeded } };
        FlywheelTelemetry.Trials.Add(1, tags);
        FlywheelTelemetry.TrialDuration.Record(trial.Duration.TotalSeconds, tags);
        activity?.SetTag("flywheel.objective", trial.Objective);
        if (trial.Succeeded)
            options.Logger.LogInformation("trial {Trial} {Trainer}: {Objective} {Value:G5} in {Seconds:0.00} s", number, trial.Trainer, scorer.ObjectiveName, trial.Objective, trial.Duration.TotalSeconds);
        else
            options.Logger.LogWarning("trial {Trial} {Trainer} failed in {Seconds:0.00} s: {Error}", number, trial.Trainer, trial.Duration.TotalSeconds, trial.Error);
        return result;
    }
}
