using Flywheel.Operate.Capture;
using Flywheel.Operate.Production;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Operate.Retraining;

/// <summary>What a retrain asks beyond training: the endpoint whose labelled rows to use (null: <c>data.production.endpoint</c>, else the use case's name).</summary>
public sealed record RetrainRequest(string? Endpoint = null)
{
    /// <summary>The capture root (the artifact root the server captures into); null: the use case store's artifact root.</summary>
    public string? CaptureRoot { get; init; }

    /// <summary>The human labels (review, feedback) to join; null: ground truth only.</summary>
    public IHumanLabels? HumanLabels { get; init; }

    public string Actor { get; init; } = "cli";
}

/// <summary>What a retrain did: the dataset version used, how many rows were held out and added, the new candidate and its comparison with the champion.</summary>
public sealed record RetrainOutcome(ProductionDatasetVersion Dataset, int HoldoutRows, int AddedRows, TrainOutcome Training, ModelComparison Comparison);

/// <summary>
/// Labels back into the next model: build and record the endpoint's labelled production dataset, hold out its most
/// recent rows, train on the use case's data plus the earlier production rows (the source's test split stays test),
/// register the result as <c>@candidate</c>, and compare it with the champion (<c>@production</c>, else the newest
/// version before it) on the holdout; the comparison is stored for the promotion to cite.
/// </summary>
public static class Retrain
{
    public static async Task<RetrainOutcome> RunAsync(UseCase useCase, TrainRequest train, RetrainRequest request,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var settings = useCase.Data?.Production ?? ProductionSource.Default;
        var endpoint = request.Endpoint ?? settings.Endpoint ?? useCase.Name;
        var store = MetadataStore.ForUseCase(useCase.Directory, train.ResolvedStore);
        var now = (store.Options.Clock ?? TimeProvider.System).GetUtcNow();
        var since = settings.Since is { } window ? now - window : (DateTimeOffset?)null;

        progress?.Report(new("production data", $"joining the labels of endpoint '{endpoint}' to its captured inputs"));
        var capture = new CaptureReader(request.CaptureRoot ?? store.Artifacts.Root);
        var dataset = await new ProductionDatasetBuilder(store, capture, request.HumanLabels).BuildAsync(endpoint, since, null, cancellation);
        var (holdout, rest) = ProductionHoldout.Split(dataset, settings);
        var recorded = await new ProductionDatasets(store).RecordAsync(dataset, request.Actor, cancellation);
        var champion = await ChampionAsync(store, useCase.Name, cancellation);

        var outcome = await TrainWorkflow.RunAsync(useCase, train with
        {
            AdditionalRows = rest.Rows.Count > 0 ? ChallengerComparison.WithTarget(rest) : null,
        }, progress, cancellation);

        progress?.Report(new("compare", $"scoring the challenger and the champion on {holdout.Rows.Count} fresh production rows"));
        var challengerVersion = int.Parse(outcome.Version[(outcome.Version.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var challenger = new ChallengerComparison.Scored(
            new ComparedModel(outcome.Version, challengerVersion, outcome.PackageId, "challenger"), ScoringModel.Load(outcome.PackageDirectory));
        ChallengerComparison.Scored? championScored = null;
        if (champion is not null)
        {
            var resolved = await new ModelCatalog(store).ResolveAsync(champion.Reference, cancellation);
            championScored = new(new ComparedModel(champion.Reference, champion.Version, champion.PackageId, "champion"), ScoringModel.Load(resolved.Package));
        }
        var comparison = ChallengerComparison.Compare(useCase, useCase.Name, championScored, challenger, holdout, request.Actor, now);
        await new Comparisons(store).SaveAsync(comparison, cancellation);
        return new RetrainOutcome(recorded, holdout.Rows.Count, rest.Rows.Count, outcome, comparison);
    }

    /// <summary>The version @production points at, else the newest registered version; null before any.</summary>
    public static async Task<ModelVersion?> ChampionAsync(MetadataStore store, string model, CancellationToken cancellation)
    {
        if (!(await store.Models.ListModelNamesAsync(cancellation)).Contains(model)) return null;
        var aliases = await store.Models.ListAliasesAsync(model, cancellation);
        if (aliases.FirstOrDefault(a => a.Alias == Promotions.Production) is { } production)
            return await store.Models.GetVersionAsync(model, production.Version, cancellation);
        var versions = await store.Models.ListVersionsAsync(model, cancellation);
        return versions.Count > 0 ? versions[^1] : null;
    }
}
