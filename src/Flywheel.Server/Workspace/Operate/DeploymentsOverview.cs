using Flywheel.Operate.Endpoints;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Listings;
using Flywheel.Operate.Retraining;
using Flywheel.Server.Endpoints;
using Flywheel.Server.Monitoring;

namespace Flywheel.Server.Workspace.Operate;

/// <summary>A model the endpoints serve: its aliases, the latest challenger-vs-champion comparison and the promotions so far.</summary>
public sealed record DeployedModel(string Name, string? UseCase, IReadOnlyDictionary<string, int> Aliases, ModelComparison? Latest,
    IReadOnlyList<PromotionApproval> Promotions, string? Error)
{
    public int? Production => Aliases.TryGetValue(Flywheel.Operate.Retraining.Promotions.Production, out var version) ? version : null;

    /// <summary>The latest comparison's challenger can be promoted on it: it is not already @production.</summary>
    public bool CanPromoteLatest => Latest is { } latest && latest.Challenger.Version != Production;
}

/// <summary>
/// The Deployments page's facts, read the way the API reads them: endpoints as <c>GET /api/v1/endpoints</c> shows them
/// (<see cref="EndpointViews"/>), models as <c>GET /api/v1/models/{name}</c>, comparisons as
/// <c>GET /api/v1/use-cases/{name}/comparisons</c>, promotions as <c>GET /api/v1/models/{name}/promotions</c>.
/// </summary>
public sealed class DeploymentsOverview(ServerStore store, EndpointRuntime runtime, MonitoringHost monitoring)
{
    public async Task<IReadOnlyList<EndpointView>> EndpointsAsync(CancellationToken cancellation = default) =>
        (await store.Store.Endpoints.ListAsync(cancellation)).Select(record =>
            EndpointViews.Of(runtime.Endpoints.GetValueOrDefault(record.Name), EndpointDefinition.FromJson(record.Name, record.UseCaseFolder, record.ConfigJson), record)).ToList();

    public async Task<IReadOnlyList<DeployedModel>> ModelsAsync(IReadOnlyList<EndpointView> endpoints, CancellationToken cancellation = default)
    {
        var models = new List<DeployedModel>();
        var listings = new ModelListings(store.Store);
        foreach (var group in endpoints.SelectMany(e => e.Variants.Select(v => (Endpoint: e.Name, Model: ModelName(v.Model)))).GroupBy(x => x.Model, StringComparer.Ordinal))
        {
            string? useCase = null;
            try
            {
                useCase = (await monitoring.ResolveAsync(group.First().Endpoint, cancellation)).UseCase.Name;
                var detail = await listings.GetAsync(group.Key, cancellation);
                var latest = (await new Comparisons(store.Store).ListAsync(useCase, cancellation)).FirstOrDefault(c => c.Model == group.Key);
                models.Add(new DeployedModel(group.Key, useCase, detail.Aliases, latest, await new Promotions(store.Store).ListAsync(group.Key, cancellation), null));
            }
            catch (FlywheelException error)
            {
                models.Add(new DeployedModel(group.Key, useCase, new Dictionary<string, int>(), null, [], error.Describe()));
            }
        }
        return models;
    }

    /// <summary>The registered model a variant names: <c>churn@production</c> and <c>churn:3</c> are both model <c>churn</c>.</summary>
    public static string ModelName(string reference) => reference.Split('@', ':')[0];
}
