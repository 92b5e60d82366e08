namespace Flywheel.Operate.Endpoints;

/// <summary>
/// Which model version an endpoint serves now, for work that runs away from the request path (async inference,
/// batch jobs naming an endpoint): the exact version (<c>telco-churn:3</c>) its chosen variant points at, and the
/// use-case folder whose store holds it. Unknown endpoint or variant: <see cref="NotFoundException"/>.
/// </summary>
public interface IEndpointModels
{
    Task<EndpointModel> ResolveAsync(string endpoint, string? variant = null, CancellationToken cancellation = default);
}

/// <summary>The version an endpoint's variant serves: <paramref name="Reference"/> is <c>name:version</c>.</summary>
public sealed record EndpointModel(string Endpoint, string Variant, string Reference, string UseCaseFolder);
