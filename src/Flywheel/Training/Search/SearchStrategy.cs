using Flywheel.Training.Trainers;

namespace Flywheel.Training.Search;

/// <summary>A configuration the strategy proposes next.</summary>
public sealed record Candidate(TrainerDefinition Trainer, HyperparameterSet Hyperparameters, TrialOrigin Origin);

/// <summary>
/// Random search with refinement: first every trainer with its defaults, then random draws across trainers,
/// interleaved with perturbations of the best configuration that shrink as refinements accumulate.
/// Seeded, so the same results give the same sequence of proposals.
/// </summary>
public sealed class SearchStrategy(IReadOnlyList<TrainerDefinition> trainers, int seed, double refineShare = 0.4)
{
    private readonly Random _random = new(seed);
    private int _proposed;
    private int _refinements;

    public Candidate Next(Trial? best)
    {
        var index = _proposed++;
        if (index < trainers.Count)
            return new Candidate(trainers[index], trainers[index].Space.Defaults(), TrialOrigin.Default);

        // Draw both numbers every time so the random sequence does not depend on whether a best exists.
        var refine = _random.NextDouble() < refineShare;
        var pick = _random.Next(trainers.Count);
        if (refine && best is not null)
        {
            var trainer = trainers.First(t => t.Name == best.Trainer);
            var scale = 0.25 / Math.Sqrt(1 + _refinements++);
            return new Candidate(trainer, trainer.Space.Perturb(best.Hyperparameters, _random, scale), TrialOrigin.Refine);
        }
        return new Candidate(trainers[pick], trainers[pick].Space.Sample(_random), TrialOrigin.Random);
    }
}
