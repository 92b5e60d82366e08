using Flywheel.Operate.Endpoints;
using Flywheel.Storage;

namespace Flywheel.Operate.Retraining;

/// <summary>
/// Puts a candidate beside the champion as the endpoint's shadow variant (named <c>shadow</c>; a copy of every
/// request, captured, never answered with), replacing an earlier shadow, through the audited endpoint store.
/// </summary>
public static class ShadowDeployment
{
    public const string VariantName = "shadow";

    public static async Task<EndpointDefinition> DeployAsync(IEndpointStore endpoints, string endpoint, string modelVersion, string actor, CancellationToken cancellation = default)
    {
        var record = await endpoints.FindAsync(endpoint, cancellation)
            ?? throw new NotFoundException($"there is no endpoint '{endpoint}' to shadow the candidate on", "endpoint");
        var definition = EndpointDefinition.FromJson(record.Name, record.UseCaseFolder, record.ConfigJson);
        var variants = definition.Variants.Where(v => !v.Shadow).Append(new EndpointVariant(VariantName, modelVersion, 1, Shadow: true)).ToList();
        var next = (definition with { Variants = variants }).Validate();
        await endpoints.PutAsync(endpoint, record.UseCaseFolder, next.ToJson(), actor, cancellation);
        return next;
    }
}
