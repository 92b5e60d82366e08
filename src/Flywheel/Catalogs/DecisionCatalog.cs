using Flywheel.Evaluation.Decisions;
using Flywheel.Tasks;
using Flywheel.Workflows;

namespace Flywheel.Catalogs;

/// <summary>
/// Decisions priced in money: a trained model's policy chosen again for another price table (threshold and review
/// band for binary, confidence floor for multiclass) on the rows training chose it on, and reported on test.
/// </summary>
public sealed class DecisionCatalog
{
    private readonly FlywheelOptions _options;

    internal DecisionCatalog(FlywheelOptions options) => _options = options;

    public DecisionOutcome Price(TrainOutcome trained, PriceTable prices, int? seed = null)
    {
        var settings = prices.ToSettings();
        var labels = trained.Labels ?? throw new ArgumentException("the outcome carries no label mapping", nameof(trained));
        var test = trained.TestPredictions ?? throw new ArgumentException("the outcome carries no test predictions", nameof(trained));
        var rows = trained.Training.DecisionRows;
        var chosenSeed = seed ?? _options.Seed;
        return trained.Training.Search.Task switch
        {
            MlTask.Binary when settings.Binary is { } outcomes => DecisionAnalysis.Binary(
                rows.Predictions.ToBinary(), rows.Description, test.ToBinary(), [], outcomes, settings.Options,
                labels.BinaryClasses().Negative, labels.BinaryClasses().Positive, chosenSeed),
            MlTask.Multiclass when settings.Multiclass is { } matrix => DecisionAnalysis.Multiclass(
                rows.Predictions.ToMulticlass(labels.Classes), rows.Description, test.ToMulticlass(labels.Classes), labels.Classes, matrix, settings.Options, chosenSeed),
            var task => throw new InputException($"this price table does not price a {task.Name()} model: give tp/fp/fn/tn for binary, a matrix for multiclass", "price table"),
        };
    }
}
