using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Flywheel.Training.Trainers;

/// <summary>
/// Random forest. Its binary scores are not probabilities, so a Platt calibrator is fitted after it;
/// multiclass is one-versus-all (which calibrates each binary forest itself). The defaults lean towards scikit-learn's
/// random forest (many deep trees, small leaves), which is hard to beat on small tabular data.
/// </summary>
public static class FastForest
{
    public static TrainerDefinition Definition { get; } = new(
        "FastForest",
        new HashSet<MlTask> { MlTask.Binary, MlTask.Multiclass, MlTask.Regression },
        new HyperparameterSpace([
            new Hyperparameter("trees", 50, 400, 200, LogScale: true, Integer: true),
            new Hyperparameter("leaves", 8, 256, 64, LogScale: true, Integer: true),
            new Hyperparameter("min_leaf", 1, 50, 2, LogScale: true, Integer: true),
            new Hyperparameter("feature_fraction", 0.3, 1.0, 0.7),
        ]),
        Build);

    private static IEstimator<ITransformer> Build(TrainerContext context, HyperparameterSet h)
    {
        var catalog = context.Ml;
        FastForestBinaryTrainer.Options BinaryOptions() => new()
        {
            NumberOfTrees = h.Int("trees"), NumberOfLeaves = h.Int("leaves"), MinimumExampleCountPerLeaf = h.Int("min_leaf"),
            FeatureFraction = h["feature_fraction"], Seed = context.Seed, NumberOfThreads = 1,
        };
        return context.Task switch
        {
            MlTask.Binary => catalog.BinaryClassification.Trainers.FastForest(BinaryOptions())
                .Append(catalog.BinaryClassification.Calibrators.Platt()),
            MlTask.Multiclass => catalog.MulticlassClassification.Trainers.OneVersusAll(catalog.BinaryClassification.Trainers.FastForest(BinaryOptions())),
            MlTask.Regression => catalog.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
            {
                NumberOfTrees = h.Int("trees"), NumberOfLeaves = h.Int("leaves"), MinimumExampleCountPerLeaf = h.Int("min_leaf"),
                FeatureFraction = h["feature_fraction"], Seed = context.Seed, NumberOfThreads = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(context)),
        };
    }
}
