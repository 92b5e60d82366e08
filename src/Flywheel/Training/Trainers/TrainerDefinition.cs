using Flywheel.Tasks;
using Microsoft.ML;

namespace Flywheel.Training.Trainers;

/// <summary>What a built estimator needs besides hyperparameters: the task, the seed and the number of classes.</summary>
public sealed record TrainerContext(MLContext Ml, MlTask Task, int Seed);

/// <summary>
/// A trainer as the search sees it: a name, the tasks it suits, its hyperparameter space, and a factory that
/// builds the ML.NET estimator from sampled hyperparameters. Estimators read the column "Features" (vector of
/// Single) and "Label" (Boolean for binary, a key for multiclass, Single for regression).
/// </summary>
public sealed record TrainerDefinition(
    string Name,
    IReadOnlySet<MlTask> Tasks,
    HyperparameterSpace Space,
    Func<TrainerContext, HyperparameterSet, IEstimator<ITransformer>> Build,
    IterationKnob? Iterations = null)
{
    public bool Suits(MlTask task) => Tasks.Contains(task);

    /// <summary>True for boosted trees, whose validation metric can be traced iteration by iteration.</summary>
    public bool IsBoosted => Iterations is not null;
}

/// <summary>The hyperparameter that counts boosting rounds, so learning curves and early stopping can vary it.</summary>
public sealed record IterationKnob(string Name);

public static class TrainerColumns
{
    public const string Features = "Features";
    public const string Label = "Label";
}
