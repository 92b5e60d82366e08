using Flywheel.Telemetry;
using Flywheel.Training.Curves;
using Flywheel.Training.Ensembles;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Flywheel.Training;

/// <summary>
/// What training produced: the search, the best single configuration (<see cref="Trainer"/>,
/// <see cref="Hyperparameters"/>), the ensemble when one was chosen over it, the model refit (the ensemble's when
/// there is one), and what it says on held-out rows.
/// </summary>
public sealed record TrainingResult(
    SearchResult Search,
    TrainerDefinition Trainer,
    HyperparameterSet Hyperparameters,
    EnsembleChoice? Ensemble,
    ITransformer Model,
    Predictions ValidationPredictions,
    LearningCurve? Curve,
    FitDiagnosis? Diagnosis,
    int Seed,
    DecisionRows DecisionRows);

/// <summary>
/// The Training stage in one call: choose the validation scheme, search, trace the learning curve of a boosted
/// winner (early stopping picks its iteration count unless that worsens the objective on validation), select an
/// ensemble of the search's best configurations unless the winner alone beats it out of sample beyond the noise
/// (<see cref="EnsembleSelection"/>), then refit the chosen model. The curve may use its own scorer: a smooth loss
/// (log loss, RMSE) shows under- and overfitting more clearly than a thresholded value.
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

        // The threshold is chosen on predictions from models that did not see those rows: the train-only fit on the
        // validation split, or out-of-fold predictions under cross-validation.
        var validationPredictions = search.PoolPredictions[search.Best.Number];
        LearningCurve? curve = null;
        FitDiagnosis? diagnosis = null;
        if (trainer.Iterations is { } knob)
        {
            var (curveTrain, curveValidation) = scheme.CurveSplit;
            curve = LearningCurveTracer.Trace(trainer, hyperparameters, curveTrain, curveValidation, curveScorer ?? scorer, options.Seed, cancellation);
            options.Logger.LogInformation("learning curve of {Trainer}: {Points} points, best at {Iterations} iterations", trainer.Name, curve.Points.Count, curve.BestIterations);
            diagnosis = FitDiagnostics.Diagnose(curve);
            if (curve.BestIterations != curve.ConfiguredIterations)
            {
                // The curve's smooth loss picks the count; the objective the search ranks by must not get worse for it
                // (on mlc_churn, stopping FastTree where log loss bottoms out cost validation AUC).
                var stopped = hyperparameters.With(knob.Name, curve.BestIterations);
                var stoppedPredictions = scheme.Evaluate(trainer, stopped, options.Seed, cancellation);
                if (scorer.Better(search.Best.Objective, scorer.Score(stoppedPredictions).Objective))
                {
                    curve = curve with { Applied = false };
                }
                else
                {
                    hyperparameters = stopped;
                    validationPredictions = stoppedPredictions;
                }
            }
        }

        var candidates = SearchResult.EnsemblePool(search.Trials, search.HigherIsBetter)
            .Select(trial => trial.Number == search.Best.Number
                ? new EnsembleCandidate(trial, hyperparameters, validationPredictions)
                : new EnsembleCandidate(trial, trial.Hyperparameters, search.PoolPredictions[trial.Number]))
            .ToList();
        cancellation.ThrowIfCancellationRequested();
        var ensemble = options.Ensemble ? EnsembleSelection.Select(candidates, scorer, options.Seed) : null;
        var configurations = ensemble is null
            ? [(trainer, hyperparameters, 1)]
            : ensemble.Members.Select(m => (trainers.First(t => t.Name == m.Trial.Trainer), m.Hyperparameters, m.Count)).ToList();
        var decisionRows = DecisionRowsFor(scheme, ensemble?.Predictions ?? validationPredictions, configurations, options.Seed, cancellation);
        using var refit = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Refit, "flywheel.rows", scheme.RefitRows.RowCount);
        options.Logger.LogInformation("refitting {Model} on {Rows} rows", ensemble?.Describe() ?? trainer.Name, scheme.RefitRows.RowCount);
        if (ensemble is null)
        {
            var model = TrialRunner.Fit(trainer, hyperparameters, options.Seed, scheme.RefitRows, cancellation);
            return new TrainingResult(search, trainer, hyperparameters, null, model, validationPredictions, curve, diagnosis, options.Seed, decisionRows);
        }

        var members = ensemble.Members
            .Select(member => TrialRunner.Fit(trainers.First(t => t.Name == member.Trial.Trainer), member.Hyperparameters, options.Seed, scheme.RefitRows, cancellation))
            .ToList();
        var ml = new MLContext(options.Seed);
        var combined = EnsembleModel.Build(ml, search.Task, members, ensemble.Members.Select(m => m.Count).ToList(), scheme.RefitRows.ToDataView(ml));
        return new TrainingResult(search, trainer, hyperparameters, ensemble, combined, ensemble.Predictions, curve, diagnosis, options.Seed, decisionRows);
    }

    /// <summary>
    /// The predictions the decision policy is chosen on: the out-of-sample ones the model was chosen by, unless they
    /// are a small holdout (<see cref="DecisionRows.TooFewForAPolicy"/>); then out-of-fold predictions of the final
    /// configuration (each ensemble member, averaged with its weight) over train and validation together.
    /// </summary>
    private static DecisionRows DecisionRowsFor(ValidationScheme scheme, Predictions outOfSample,
        IReadOnlyList<(TrainerDefinition Trainer, HyperparameterSet Hyperparameters, int Count)> configurations, int seed, CancellationToken cancellation)
    {
        if (scheme is not Holdout || !DecisionRows.TooFewForAPolicy(outOfSample))
            return new DecisionRows(outOfSample, scheme.PredictionRows, scheme.Describe());
        var folds = new CrossValidation(scheme.RefitRows, DecisionRows.Folds, seed);
        var picks = new List<Predictions>();
        foreach (var (trainer, hyperparameters, count) in configurations)
        {
            cancellation.ThrowIfCancellationRequested();
            var predictions = folds.Evaluate(trainer, hyperparameters, seed, cancellation);
            picks.AddRange(Enumerable.Repeat(predictions, count));
        }
        var averaged = picks.Count == 1 ? picks[0] : EnsembleAveraging.Average(picks);
        return new DecisionRows(averaged, folds.PredictionRows,
            $"out-of-fold predictions of {folds.Folds}-fold cross-validation on the {folds.Rows.RowCount} train and validation rows (the validation split alone is small)");
    }
}
