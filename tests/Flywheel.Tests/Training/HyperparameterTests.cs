using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;

namespace Flywheel.Tests.Training;

public class HyperparameterTests
{
    [Fact]
    public void Samples_and_perturbations_stay_in_range_and_integers_stay_whole()
    {
        var random = new Random(3);
        foreach (var trainer in TrainerCatalog.All)
        {
            foreach (var parameter in trainer.Space.Parameters)
            {
                Assert.InRange(parameter.Default, parameter.Min, parameter.Max);
                for (var i = 0; i < 200; i++)
                {
                    var value = parameter.Sample(random);
                    Assert.InRange(value, parameter.Min, parameter.Max);
                    var moved = parameter.Perturb(value, random, 0.5);
                    Assert.InRange(moved, parameter.Min, parameter.Max);
                    if (parameter.Integer) Assert.Equal(Math.Round(moved), moved);
                }
            }
        }
    }

    [Fact]
    public void Log_scale_sampling_spreads_over_orders_of_magnitude()
    {
        var parameter = new Hyperparameter("l2", 1e-4, 1, 1e-2, LogScale: true);
        var random = new Random(11);
        var values = Enumerable.Range(0, 2000).Select(_ => parameter.Sample(random)).ToList();
        // Under log-uniform sampling each decade gets a quarter of the draws; uniform sampling would give 0.01%.
        var lowestDecade = values.Count(v => v < 1e-3) / (double)values.Count;
        Assert.InRange(lowestDecade, 0.2, 0.3);
    }

    [Fact]
    public void The_strategy_starts_with_every_trainers_defaults_then_is_reproducible_from_its_seed()
    {
        var trainers = TrainerCatalog.For(MlTask.Binary);
        var first = new SearchStrategy(trainers, 42, higherIsBetter: true);
        var second = new SearchStrategy(trainers, 42, higherIsBetter: true);
        for (var i = 0; i < trainers.Count; i++)
        {
            var candidate = first.Next([]);
            second.Next([]);
            Assert.Equal(TrialOrigin.Default, candidate.Origin);
            Assert.Equal(trainers[i].Name, candidate.Trainer.Name);
        }
        for (var i = 0; i < 20; i++)
        {
            var a = first.Next([]);
            var b = second.Next([]);
            Assert.Equal(a.Trainer.Name, b.Trainer.Name);
            Assert.Equal(a.Hyperparameters.ToString(), b.Hyperparameters.ToString());
        }
    }

    [Fact]
    public void After_the_defaults_the_strategy_only_draws_from_the_two_leading_trainers()
    {
        var trainers = TrainerCatalog.For(MlTask.Binary);
        var strategy = new SearchStrategy(trainers, 7, higherIsBetter: true);
        // Defaults scored: FastForest best (0.9), FastTree second (0.85), the rest weaker; Gam failed.
        var scores = new Dictionary<string, double> { ["LightGbm"] = 0.80, ["FastForest"] = 0.90, ["FastTree"] = 0.85, ["Lbfgs"] = 0.70, ["Sdca"] = 0.71, ["Gam"] = double.NaN };
        var history = trainers.Select((trainer, i) =>
        {
            var candidate = strategy.Next([]);
            return new Trial(i + 1, candidate.Trainer.Name, candidate.Hyperparameters, candidate.Origin, scores[trainer.Name],
                new Dictionary<string, double>(), TimeSpan.FromSeconds(1), 7);
        }).ToList();

        var next = Enumerable.Range(0, 40).Select(_ => strategy.Next(history)).ToList();
        Assert.Equal(["FastForest", "FastTree"], next.Select(c => c.Trainer.Name).Distinct().Order());
        Assert.All(next.Where(c => c.Origin == TrialOrigin.Refine), c => Assert.Equal("FastForest", c.Trainer.Name));
        Assert.Contains(next, c => c.Origin == TrialOrigin.Refine);
    }

    [Fact]
    public void The_catalog_rejects_unknown_or_unsuitable_trainers_by_name()
    {
        Assert.Contains("unknown trainer 'Xgb'", Assert.Throws<InputException>(() => TrainerCatalog.For(MlTask.Regression, ["Xgb"])).Message);
        Assert.Contains("Gam", Assert.Throws<InputException>(() => TrainerCatalog.For(MlTask.Multiclass, ["gam"])).Message);
        Assert.Equal(["LightGbm"], TrainerCatalog.For(MlTask.Regression, ["lightgbm"]).Select(t => t.Name));
    }
}
