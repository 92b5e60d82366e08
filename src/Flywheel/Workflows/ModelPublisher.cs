using System.Text.Json;
using Flywheel.Data.Preprocessing;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Results;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Training.Search;
using Flywheel.UseCases;
using Microsoft.ML;

namespace Flywheel.Workflows;

/// <summary>A published model: its package and registered version.</summary>
public sealed record PublishedModel(PackageRef Package, ModelVersion Version, Guid RunId);

/// <summary>
/// Hands a trained model to the Registry: writes the content-addressed package (chain, input schema, label mapping, plan, decision policy, metrics,
/// model card, monitoring baseline), registers it as the next version, points <c>@candidate</c> at it and finishes the run (whose trials
/// <see cref="TrainingRun"/> recorded as they ran), in one transaction.
/// </summary>
public static class ModelPublisher
{
    public const string CandidateAlias = "candidate";

    public static async Task<PublishedModel> PublishAsync(
        UseCase useCase, MLContext ml, ITransformer chain, PreparedData prepared, ServingSpec spec,
        TrainingRecord record, EvaluationReport test, EvaluationReport validation, TrainingRun run, CancellationToken cancellation = default,
        IReadOnlyDictionary<string, byte[]>? baseline = null, IReadOnlyDictionary<string, byte[]>? attachments = null)
    {
        var catalog = new ModelCatalog(run.Store);
        var actor = Environment.UserName is { Length: > 0 } user ? user : "flywheel";

        using var model = new MemoryStream();
        ml.Model.Save(chain, prepared.InputSchema, model);
        var content = new ModelPackageContent
        {
            ModelName = useCase.Name,
            Task = record.Task,
            Trainer = record.Trainer,
            ModelZip = model.ToArray(),
            InputSchema = prepared.InputColumns.Select(column => new Registry.InputColumn(
                column.Name, column.IsNumeric ? ServingSpec.NumericType : column.Kind.ToString().ToLowerInvariant(), ServingSpec.FeatureRole)).ToList(),
            LabelMapping = prepared.Label.Classes,
            PreprocessingPlan = JsonDocument.Parse(PlanJson.Serialize(prepared.Plan)).RootElement.Clone(),
            DecisionPolicy = spec.PolicyJson(),
            Metrics = JsonSerializer.SerializeToElement(new PackagedMetrics(test, validation, record.Deterministic()), EvaluationJson.Options),
            TrainingDataFingerprint = prepared.DataFingerprint,
            Seed = record.Seed,
            InputDialect = spec.Dialect,
            Card = CardText(useCase, record, test),
            BaselineStatistics = baseline is null ? null : Baselines.BaselineManifest.Describe(baseline),
            Attachments = (baseline ?? new Dictionary<string, byte[]>()).Concat(attachments ?? new Dictionary<string, byte[]>()).ToDictionary(),
        };
        // Package, version, @candidate and the run's end commit together: a crash leaves all of them or none.
        var (package, published) = await catalog.PublishAsync(content, actor, CandidateAlias, run.Id, cancellationToken: cancellation);
        return new PublishedModel(package, published.Version, run.Id);
    }

    private static ModelCardText CardText(UseCase useCase, TrainingRecord record, EvaluationReport test) => new()
    {
        IntendedUse = useCase.Statement,
        Data = $"{useCase.Data?.Source.Value}: target '{record.Target}', rows train {record.Rows["train"]}, validation {record.Rows["validation"]}, test {record.Rows["test"]}",
        BusinessValue = test.Decision is { } d ? BusinessValue(d) : null,
        Caveats = record.Diagnosis is { } diagnosis ? [$"learning curve: {diagnosis.Verdict} — {diagnosis.Finding}"] : [],
    };

    private static string BusinessValue(DecisionReport d) => d.Kind switch
    {
        "binary" => $"{d.ValuePerItem:N0} {d.Currency} per item at threshold {d.Threshold:0.####} on the test split (the plain 0.5 rule: {d.ValuePerItemAtHalf:N0} {d.Currency})",
        _ when d.ReviewBand is { } band => $"{d.ValuePerItem:N0} {d.Currency} per item on the test split, with the {d.ReviewRate:P1} of items whose top-class probability is below {band.Upper:0.####} reviewed by a person",
        _ => $"{d.ValuePerItem:N0} {d.Currency} per item on the test split",
    };
}
