using System.Diagnostics;
using Flywheel.Training.Trainers;

namespace Flywheel.Training.Search;

/// <summary>
/// How long and how widely to search. <see cref="Budget"/> is the time for the search and what follows it in
/// training (learning curve, refit of the model or the ensemble's members): the search stops before a trial when the
/// fastest earlier fit of its trainer plus the estimated time to finish (<see cref="FinishingTime"/>) exceeds what
/// is left. The budget only truncates the seeded sequence of trials, so a larger budget never changes the first
/// trials; <see cref="MaxTrials"/> makes a run independent of machine speed.
/// </summary>
/// <param name="Ensemble">Whether an average of the best configurations may be chosen over the best single one.</param>
public sealed record SearchOptions(TimeSpan Budget, int Seed, int? MaxTrials = null, bool Ensemble = true);

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
            var (trial, predictions) = RunTrial(trials.Count + 1, candidate, scheme, scorer, options.Seed);
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
        if (best is null)
            throw new InvalidOperationException($"every trial failed; the first error: {trials[0].Error}");
        return new SearchResult(task, scorer.ObjectiveName, scorer.HigherIsBetter, scheme.Describe(), trials, best, kept);
    }

    /// <summary>The shortest time an earlier trial of this trainer took; zero when it has not run yet.</summary>
    private static TimeSpan FastestFit(TrainerDefinition trainer, IReadOnlyList<Trial> trials) =>
        trials.Where(t => t.Trainer == trainer.Name).Select(t => t.Duration).DefaultIfEmpty(TimeSpan.Zero).Min();

    private static (Trial Trial, Predictions? Predictions) RunTrial(int number, Candidate candidate, ValidationScheme scheme, ITrialScorer scorer, int seed)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var predictions = scheme.Evaluate(candidate.Trainer, candidate.Hyperparameters, seed);
            var score = scorer.Score(predictions);
            return (new Trial(number, candidate.Trainer.Name, candidate.Hyperparameters, candidate.Origin, score.Objective, score.Metrics, clock.Elapsed, seed,
                double.IsFinite(score.Objective) ? null : $"the objective is {score.Objective}"), predictions);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException)
        {
            // A trainer can reject data (e.g. Poisson regression with negative targets); the search goes on without it.
            return (new Trial(number, candidate.Trainer.Name, candidate.Hyperparameters, candidate.Origin, double.NaN,
                new Dictionary<string, double>(), clock.Elapsed, seed, error.Message), null);
        }
    }
}
