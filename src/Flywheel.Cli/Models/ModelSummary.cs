using Flywheel.Evaluation.Decisions;
using Flywheel.Registry;
using Flywheel.Tasks;
using Flywheel.Workflows;

namespace Flywheel.Cli.Models;

/// <summary>
/// What <c>models show</c> leads with: the rows the model saw (train + validation + test = total, from the training
/// record, the same counts the model report and <c>evaluate</c> print), the headline test metrics of its task, and
/// the decision's value against the alternatives. Null for a package that was not written by <c>flywheel train</c>.
/// </summary>
internal sealed record ModelSummary(RowSummary Rows, IReadOnlyDictionary<string, double?> TestMetrics, DecisionSummary? Decision)
{
    /// <summary>The metrics a reader looks for first, by task; the rest stay in <c>evaluate</c>.</summary>
    public static IReadOnlyList<string> Headline(MlTask task) => task switch
    {
        MlTask.Binary => ["auc", "f1", "accuracy", "precision", "recall"],
        MlTask.Multiclass => ["accuracy", "f1_macro", "log_loss"],
        _ => ["rmse", "mae", "r2"],
    };

    public static ModelSummary? Of(ModelPackage package)
    {
        StoredEvaluation stored;
        try
        {
            stored = StoredEvaluation.Load(package);
        }
        catch (InputException)
        {
            return null;
        }
        // Metrics written by another tool deserialize without a training record or a test evaluation.
        if ((object?)stored.Record?.Rows is null || (object?)stored.Test?.Metrics is null) return null;
        var record = stored.Record;
        var rows = new RowSummary(record.Rows.GetValueOrDefault("train"), record.Rows.GetValueOrDefault("validation"), record.Rows.GetValueOrDefault("test"));
        var task = MlTasks.Parse(record.Task) ?? MlTask.Regression;
        var metrics = Headline(task).ToDictionary(name => name, stored.Test.Metric, StringComparer.Ordinal);
        return new ModelSummary(rows, metrics, stored.Test.Decision is { } decision ? DecisionSummary.Of(decision) : null);
    }
}

internal sealed record RowSummary(int Train, int Validation, int Test)
{
    public int Total => Train + Validation + Test;
}

/// <summary>
/// The decision as a reader weighs it: the policy in use, its value per item and per day on test, where it was chosen,
/// and whether the model beats deciding without it (the best alternative, by the value it adds on test).
/// </summary>
internal sealed record DecisionSummary(
    string Policy,
    string Currency,
    double? Threshold,
    ReviewBand? ReviewBand,
    double ValuePerItem,
    double? ValuePerDay,
    string? ChosenOn,
    IReadOnlyList<AlternativeSummary> Alternatives,
    string? BestAlternative,
    double? ValueAddedPerItem,
    double? ValueAddedPerDay,
    bool? BeatsAlternatives)
{
    public static DecisionSummary Of(DecisionReport decision)
    {
        var alternatives = (decision.Alternatives ?? []).Select(a => new AlternativeSummary(a.Name, a.TestValuePerItem)).ToList();
        var added = decision.ValueAdded;
        return new DecisionSummary(decision.Policy, decision.Currency, decision.Threshold, decision.ReviewBand, decision.ValuePerItem, decision.ValuePerDay,
            decision.ChosenOn, alternatives, added?.Over, added?.PerItem, added?.PerDay,
            added is null ? null : decision.Policy == DecisionComparison.ModelPolicy && added.PerItem > 0);
    }
}

internal sealed record AlternativeSummary(string Name, double TestValuePerItem);
