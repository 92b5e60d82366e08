using System.Text.Json;
using Flywheel.Evaluation.Results;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.UseCases;

namespace Flywheel.Workflows;

/// <summary>
/// Registers a measured rule step as a model of its own, <c>&lt;use case&gt;-&lt;step&gt;</c>, pointed to by
/// <c>@candidate</c>: a package like a trained model's (manifest, input schema, decision policy at the fixed threshold
/// 0.5, metrics, model card) that holds the rule's text instead of an ML.NET model. Packages are content-addressed,
/// so the same rule on the same data is the same package and the same version: publishing again changes nothing.
/// </summary>
public static class RulePublisher
{
    public static string ModelName(UseCase useCase, PlanStepSpec step) => $"{useCase.Name}-{step.Name}";

    public static async Task<PublishedModel> PublishAsync(UseCase useCase, RuleStepResult measured, StoreOptions? storeOptions = null, CancellationToken cancellation = default)
    {
        var store = MetadataStore.ForUseCase(useCase.Directory, storeOptions);
        var catalog = new ModelCatalog(store);
        var actor = Environment.UserName is { Length: > 0 } user ? user : "flywheel";
        var name = RegistryNames.CheckModelName(ModelName(useCase, measured.Step), $"plan step '{measured.Step.Name}' as a model name");

        var data = measured.Data;
        var policy = new ServingPolicy(data.Target, data.Positive, false, 0.5, null, null, measured.Test.Decision?.Currency is { Length: > 0 } c ? c : null);
        var content = new ModelPackageContent
        {
            ModelName = name,
            Task = "binary",
            Trainer = "rule",
            RuleText = measured.Rule.Text,
            InputSchema = measured.Rule.Columns
                .Select(column => new InputColumn(column.Name, column.Numeric ? ServingSpec.NumericType : column.Boolean ? "boolean" : "categorical", ServingSpec.FeatureRole))
                .ToList(),
            LabelMapping = data.Classes,
            DecisionPolicy = JsonSerializer.SerializeToElement(policy, PackageJson.Options),
            Metrics = JsonSerializer.SerializeToElement(new PackagedMetrics(measured.Test, measured.Validation, measured.Record), EvaluationJson.Options),
            TrainingDataFingerprint = data.DataFingerprint,
            Seed = data.Seed,
            Card = new ModelCardText
            {
                IntendedUse = $"{useCase.Statement} — plan step '{measured.Step.Name}' ({measured.Step.Owner ?? "no owner"}): act where {measured.Rule.Text}",
                Data = $"{useCase.Data?.Source.Value}: target '{data.Target}', measured on the same test split as the model ({measured.Test.Rows} rows)",
                BusinessValue = measured.Test.Decision is { } d ? $"{d.ValuePerItem:N0} {d.Currency} per item on the test split (act where the rule holds)" : null,
                Caveats = ["a fixed rule written by the team: nothing is learned from the data, so it does not improve as data grows"],
            },
        };
        var (package, published) = await catalog.PublishAsync(content, actor, ModelPublisher.CandidateAlias, null, cancellationToken: cancellation);
        return new PublishedModel(package, published.Version, Guid.Empty);
    }
}
