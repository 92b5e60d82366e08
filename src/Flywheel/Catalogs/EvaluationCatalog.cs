using Flywheel.Evaluation.Results;
using Flywheel.Serving;
using Flywheel.Workflows;

namespace Flywheel.Catalogs;

/// <summary>The Evaluation stage: a model's metrics (and, with prices, its decisions' value) on labelled data.</summary>
public sealed class EvaluationCatalog
{
    internal EvaluationCatalog() { }

    /// <summary>Scores a labelled file now and evaluates the predictions with the model's own decision policy.</summary>
    public LabelledDataEvaluation.Result Evaluate(ScoringModel model, string labelledFile, PriceTable? prices = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return LabelledDataEvaluation.Run(model, labelledFile, prices?.ToSettings());
    }

    /// <summary>The test-split report of a training run (metrics, curves, confusion matrix, decision when priced).</summary>
    public EvaluationReport Test(TrainOutcome trained) => trained.Test;
}
