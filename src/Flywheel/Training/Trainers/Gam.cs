using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Flywheel.Training.Trainers;

/// <summary>Generalized additive model: one shape function per feature, readable by people. Binary and regression only.</summary>
public static class Gam
{
    public static TrainerDefinition Definition { get; } = new(
        "Gam",
        new HashSet<MlTask> { MlTask.Binary, MlTask.Regression },
        new HyperparameterSpace([
            new Hyperparameter("iterations", 100, 3000, 500, LogScale: true, Integer: true),
            new Hyperparameter("learning_rate", 0.002, 0.2, 0.02, LogScale: true),
            new Hyperparameter("max_bins", 16, 255, 255, LogScale: true, Integer: true),
            new Hyperparameter("min_leaf", 2, 100, 10, LogScale: true, Integer: true),
        ]),
        Build,
        new IterationKnob("iterations"));

    private static IEstimator<ITransformer> Build(TrainerContext context, HyperparameterSet h)
    {
        var catalog = context.Ml;
        return context.Task switch
        {
            MlTask.Binary => catalog.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
            {
                NumberOfIterations = h.Int("iterations"), LearningRate = h["learning_rate"], MaximumBinCountPerFeature = h.Int("max_bins"),
                MinimumExampleCountPerLeaf = h.Int("min_leaf"), Seed = context.Seed, NumberOfThreads = 1,
            }),
            MlTask.Regression => catalog.Regression.Trainers.Gam(new GamRegressionTrainer.Options
            {
                NumberOfIterations = h.Int("iterations"), LearningRate = h["learning_rate"], MaximumBinCountPerFeature = h.Int("max_bins"),
                MinimumExampleCountPerLeaf = h.Int("min_leaf"), Seed = context.Seed, NumberOfThreads = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(context), $"GAM does not handle {context.Task}"),
        };
    }
}
