namespace Flywheel.Storage;

/// <summary>
/// One stored endpoint definition: its name, the use-case folder it belongs to, its configuration as JSON (variants,
/// weights, shadow, capture share; the Operate stage owns the shape) and who changed it last.
/// </summary>
public sealed record EndpointRecord(string Name, string UseCaseFolder, string ConfigJson, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The server's endpoint definitions. Every change is audited (<c>endpoint.put</c>, <c>endpoint.delete</c>) with before → after.</summary>
public interface IEndpointStore
{
    Task<IReadOnlyList<EndpointRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The endpoint, or null when there is none of that name.</summary>
    Task<EndpointRecord?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the endpoint; returns the previous definition (null: created).</summary>
    Task<EndpointRecord?> PutAsync(string name, string useCaseFolder, string configJson, string actor, CancellationToken cancellationToken = default);

    /// <summary>Creates the endpoint only when absent (the default endpoint at start); false when it existed.</summary>
    Task<bool> AddIfAbsentAsync(string name, string useCaseFolder, string configJson, string actor, CancellationToken cancellationToken = default);

    /// <summary>Removes the endpoint; <see cref="NotFoundException"/> when there is none.</summary>
    Task<EndpointRecord> DeleteAsync(string name, string actor, CancellationToken cancellationToken = default);
}
