using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Flywheel.Training.Trainers;

/// <summary>ML.NET's own gradient-boosted trees (MART). Multiclass is one-versus-all over the binary trainer.</summary>
public static class FastTree
{
    public static TrainerDefinition Definition { get; } = new(
        "FastTree",
        new HashSet<MlTask> { MlTask.Binary, MlTask.Multiclass, MlTask.Regression },
        new HyperparameterSpace([
            new Hyperparameter("trees", 20, 500, 100, LogScale: true, Integer: true),
            new Hyperparameter("learning_rate", 0.02, 0.4, 0.2, LogScale: true),
            new Hyperparameter("leaves", 4, 128, 20, LogScale: true, Integer: true),
            new Hyperparameter("min_leaf", 2, 100, 10, LogScale: true, Integer: true),
        ]),
        Build,
        new IterationKnob("trees"));

    private static IEstimator<ITransformer> Build(TrainerContext context, HyperparameterSet h)
    {
        var catalog = context.Ml;
        FastTreeBinaryTrainer.Options BinaryOptions() => new()
        {
            NumberOfTrees = h.Int("trees"), LearningRate = h["learning_rate"], NumberOfLeaves = h.Int("leaves"),
            MinimumExampleCountPerLeaf = h.Int("min_leaf"), Seed = context.Seed, NumberOfThreads = 1,
        };
        return context.Task switch
        {
            MlTask.Binary => catalog.BinaryClassification.Trainers.FastTree(BinaryOptions()),
            MlTask.Multiclass => catalog.MulticlassClassification.Trainers.OneVersusAll(catalog.BinaryClassification.Trainers.FastTree(BinaryOptions())),
            MlTask.Regression => catalog.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = h.Int("trees"), LearningRate = h["learning_rate"], NumberOfLeaves = h.Int("leaves"),
                MinimumExampleCountPerLeaf = h.Int("min_leaf"), Seed = context.Seed, NumberOfThreads = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(context)),
        };
    }
}
