using Flywheel.Training.Trainers;
using Microsoft.ML;

namespace Flywheel.Training.Search;

/// <summary>Fits one configuration and predicts with it. Each fit gets a fresh <c>MLContext(seed)</c>, so a result never depends on what ran before it.</summary>
public static class TrialRunner
{
    /// <summary>
    /// Fits <paramref name="trainer"/>. ML.NET fits take no token; a cancelled one calls the fit's
    /// <see cref="MLContext.CancelExecution"/>, which stops the trainers at their next check (between iterations),
    /// and whatever the trainer then throws surfaces as <see cref="OperationCanceledException"/>.
    /// </summary>
    public static ITransformer Fit(TrainerDefinition trainer, HyperparameterSet hyperparameters, int seed, FeatureTable rows, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var ml = new MLContext(seed);
        using var registration = cancellation.CanBeCanceled ? cancellation.Register(static state => MLCancellation.Cancel((MLContext)state!), ml) : default;
        try
        {
            var estimator = trainer.Build(new TrainerContext(ml, rows.Task, seed), hyperparameters);
            var model = estimator.Fit(rows.ToDataView(ml));
            // Some trainers check the context only between phases: a fit that ran past the cancel is still cancelled.
            cancellation.ThrowIfCancellationRequested();
            return model;
        }
        catch (Exception error) when (cancellation.IsCancellationRequested && !(error is OperationCanceledException own && own.CancellationToken == cancellation))
        {
            throw new OperationCanceledException("training was cancelled", error, cancellation);
        }
    }

    public static Predictions Predict(ITransformer model, FeatureTable rows, int seed)
    {
        var ml = new MLContext(seed);
        return Predictions.Read(model.Transform(rows.ToDataView(ml)), rows.Task, rows.Labels);
    }
}
