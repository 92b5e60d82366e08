using Flywheel.Operate.Listings;
using Flywheel.Operate.Monitoring.Growth;
using Flywheel.Server.Monitoring;

namespace Flywheel.Server.Workspace;

/// <summary>
/// A use case as the Use cases page shows it: the API's listing (<c>GET /api/v1/use-cases</c>), the endpoints that serve
/// it, and value per day promised vs realized from its growth evidence (<c>GET /api/v1/use-cases/{name}/growth</c>: the
/// "moves the KPI" condition's figures, the mean of the last 7 days). Nothing is computed here a second time.
/// </summary>
public sealed record UseCaseRow(UseCaseListing Listing, IReadOnlyList<string> Endpoints, bool Monitored, double? PromisedPerDay, double? RealizedPerDay,
    string? Currency, DateOnly? RealizedUntil, string? ValueSignOff = null)
{
    public bool Deployed => Endpoints.Count > 0;
}

public sealed class UseCaseOverview(ServerStore store, MonitoringHost monitoring, IServiceProvider services)
{
    public async Task<IReadOnlyList<UseCaseRow>> ListAsync(CancellationToken cancellation = default)
    {
        var rows = new List<UseCaseRow>();
        foreach (var listing in await UseCases.UseCases.Listings(store).ListAsync(cancellation))
            rows.Add(listing.Error is null ? await DescribeAsync(listing, cancellation) : new UseCaseRow(listing, [], false, null, null, null, null));
        return rows;
    }

    private async Task<UseCaseRow> DescribeAsync(UseCaseListing listing, CancellationToken cancellation)
    {
        var (useCase, endpoints) = await monitoring.UseCaseAsync(listing.Name, cancellation);
        var growth = await GrowthEvidence.BuildAsync(useCase, endpoints, monitoring.Capture, services.GetService<Flywheel.Storage.IHumanLabels>(), monitoring.Store, cancellation: cancellation);
        var kpi = growth.Conditions.First(c => c.Id == "moves-kpi").Figures;
        return new UseCaseRow(listing, endpoints, growth.Accuracy.Count > 0 || growth.Kpi.Count > 0,
            kpi.GetValueOrDefault("promisedPerDay"), kpi.GetValueOrDefault("realizedPerDay"), growth.Kpi.LastOrDefault()?.Currency, growth.Kpi.LastOrDefault()?.Day,
            await ValueSignOffAsync(useCase, cancellation));
    }

    // A use case whose 'approvals' names no team role still lists; the value page shows the file's error.
    private async Task<string?> ValueSignOffAsync(Flywheel.UseCases.UseCase useCase, CancellationToken cancellation)
    {
        if (useCase.Value is null) return null;
        try
        {
            return (await new Flywheel.Operate.Requests.SignOffs(store.Store).ValueAsync(useCase, cancellation)).State;
        }
        catch (InputException)
        {
            return null;
        }
    }
}
