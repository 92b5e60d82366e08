using Flywheel.Training.Curves;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;
using Microsoft.ML;

namespace Flywheel.Training;

/// <summary>What training produced: the search, the chosen configuration refit, and what it says on held-out rows.</summary>
public sealed record TrainingResult(
    SearchResult Search,
    TrainerDefinition Trainer,
    HyperparameterSet Hyperparameters,
    ITransformer Model,
    Predictions ValidationPredictions,
    LearningCurve? Curve,
    FitDiagnosis? Diagnosis,
    int Seed);

/// <summary>
/// The Training stage in one call: choose the validation scheme, search, trace the learning curve of a boosted
/// winner (early stopping picks its iteration count), then refit the chosen configuration. The curve may use its
/// own scorer: a smooth loss (log loss, RMSE) shows under- and overfitting more clearly than a thresholded value.
/// </summary>
public static class ModelTrainer
{
    public static TrainingResult Train(
        FeatureTable train,
        FeatureTable validation,
        IReadOnlyList<TrainerDefinition> trainers,
        ITrialScorer scorer,
        SearchOptions options,
        IProgress<SearchProgress>? progress = null,
        CancellationToken cancellation = default,
        ITrialScorer? curveScorer = null)
    {
        var scheme = ValidationScheme.Choose(train, validation, options.Seed);
        var search = ModelSearch.Run(scheme, trainers, scorer, options, progress, cancellation);
        var trainer = trainers.First(t => t.Name == search.Best.Trainer);
        var hyperparameters = search.Best.Hyperparameters;

        LearningCurve? curve = null;
        FitDiagnosis? diagnosis = null;
        if (trainer.Iterations is { } knob)
        {
            var (curveTrain, curveValidation) = scheme.CurveSplit;
            curve = LearningCurveTracer.Trace(trainer, hyperparameters, curveTrain, curveValidation, curveScorer ?? scorer, options.Seed);
            diagnosis = FitDiagnostics.Diagnose(curve);
            hyperparameters = hyperparameters.With(knob.Name, curve.BestIterations);
        }

        var model = TrialRunner.Fit(trainer, hyperparameters, options.Seed, scheme.RefitRows);
        // The threshold is chosen on predictions from models that did not see those rows: the train-only fit on the
        // validation split, or out-of-fold predictions under cross-validation.
        var validationPredictions = scheme.Evaluate(trainer, hyperparameters, options.Seed);
        return new TrainingResult(search, trainer, hyperparameters, model, validationPredictions, curve, diagnosis, options.Seed);
    }
}
