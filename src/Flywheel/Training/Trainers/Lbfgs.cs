using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Flywheel.Training.Trainers;

/// <summary>Linear models by L-BFGS: logistic regression, maximum entropy, and Poisson regression (for counts and other non-negative targets).</summary>
public static class Lbfgs
{
    public static TrainerDefinition Definition { get; } = new(
        "Lbfgs",
        new HashSet<MlTask> { MlTask.Binary, MlTask.Multiclass, MlTask.Regression },
        new HyperparameterSpace([
            new Hyperparameter("l2", 1e-4, 10, 1, LogScale: true),
            new Hyperparameter("l1", 1e-4, 10, 1, LogScale: true),
        ]),
        Build);

    private static IEstimator<ITransformer> Build(TrainerContext context, HyperparameterSet h)
    {
        var catalog = context.Ml;
        return context.Task switch
        {
            MlTask.Binary => catalog.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = h.Float("l2"), L1Regularization = h.Float("l1"), NumberOfThreads = 1,
            }),
            MlTask.Multiclass => catalog.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = h.Float("l2"), L1Regularization = h.Float("l1"), NumberOfThreads = 1,
            }),
            MlTask.Regression => catalog.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options
            {
                L2Regularization = h.Float("l2"), L1Regularization = h.Float("l1"), NumberOfThreads = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(context)),
        };
    }
}
