using Flywheel.Training.Trainers;

namespace Flywheel.Training.Search;

/// <summary>A configuration the strategy proposes next.</summary>
public sealed record Candidate(TrainerDefinition Trainer, HyperparameterSet Hyperparameters, TrialOrigin Origin);

/// <summary>
/// Random search with refinement: first every trainer with its defaults (in catalog order, strongest first), then
/// random draws among the <paramref name="contenders"/> trainers that scored best so far, interleaved with
/// perturbations of the best configuration that shrink as refinements accumulate. Drawing only among the leading
/// trainers spends the budget where it can still win: once trees lead, weak linear models get no more trials.
/// Seeded, so the same results give the same sequence of proposals.
/// </summary>
public sealed class SearchStrategy(
    IReadOnlyList<TrainerDefinition> trainers, int seed, bool higherIsBetter, int contenders = 2, double refineShare = 0.4)
{
    private readonly Random _random = new(seed);
    private int _proposed;
    private int _refinements;

    /// <param name="history">Every trial so far, in the order they ran.</param>
    public Candidate Next(IReadOnlyList<Trial> history)
    {
        var index = _proposed++;
        if (index < trainers.Count)
            return new Candidate(trainers[index], trainers[index].Space.Defaults(), TrialOrigin.Default);

        var leaders = Leaders(history);
        // Draw both numbers every time so the random sequence does not depend on whether a best exists.
        var refine = _random.NextDouble() < refineShare;
        var pick = leaders[_random.Next(leaders.Count)];
        if (refine && leaders.Count > 0 && BestOf(history, leaders[0]) is { } best)
        {
            var scale = 0.25 / Math.Sqrt(1 + _refinements++);
            return new Candidate(leaders[0], leaders[0].Space.Perturb(best.Hyperparameters, _random, scale), TrialOrigin.Refine);
        }
        return new Candidate(pick, pick.Space.Sample(_random), TrialOrigin.Random);
    }

    /// <summary>The trainers whose best trial ranks among the top <c>contenders</c> (ties: the earlier trial first); all trainers while none succeeded.</summary>
    private IReadOnlyList<TrainerDefinition> Leaders(IReadOnlyList<Trial> history)
    {
        var ranked = trainers
            .Select(trainer => (Trainer: trainer, Best: BestOf(history, trainer)))
            .Where(entry => entry.Best is not null)
            .OrderBy(entry => higherIsBetter ? -entry.Best!.Objective : entry.Best!.Objective)
            .ThenBy(entry => entry.Best!.Number)
            .Select(entry => entry.Trainer)
            .Take(contenders)
            .ToList();
        return ranked.Count > 0 ? ranked : trainers;
    }

    private Trial? BestOf(IReadOnlyList<Trial> history, TrainerDefinition trainer) => history
        .Where(trial => trial.Succeeded && trial.Trainer == trainer.Name)
        .OrderBy(trial => higherIsBetter ? -trial.Objective : trial.Objective)
        .ThenBy(trial => trial.Number)
        .FirstOrDefault();
}
