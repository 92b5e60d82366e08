using Flywheel.Training.Trainers;
using Microsoft.ML;

namespace Flywheel.Training.Search;

/// <summary>Fits one configuration and predicts with it. Each fit gets a fresh <c>MLContext(seed)</c>, so a result never depends on what ran before it.</summary>
public static class TrialRunner
{
    public static ITransformer Fit(TrainerDefinition trainer, HyperparameterSet hyperparameters, int seed, FeatureTable rows)
    {
        var ml = new MLContext(seed);
        var estimator = trainer.Build(new TrainerContext(ml, rows.Task, seed), hyperparameters);
        return estimator.Fit(rows.ToDataView(ml));
    }

    public static Predictions Predict(ITransformer model, FeatureTable rows, int seed)
    {
        var ml = new MLContext(seed);
        return Predictions.Read(model.Transform(rows.ToDataView(ml)), rows.Task, rows.Labels);
    }
}
