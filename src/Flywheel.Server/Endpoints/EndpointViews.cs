using Flywheel.Operate.Endpoints;
using Flywheel.Operate.Inference;
using Flywheel.Storage;

namespace Flywheel.Server.Endpoints;

/// <summary>A variant as the native API shows it: what it follows, what it serves now, its share of the traffic.</summary>
public sealed record VariantView(string Name, string Model, double Weight, bool Shadow, double TrafficShare, string? LoadedVersion, string? PackageId, string? Error);

/// <summary>An endpoint as the native API shows it; <c>state</c> is <c>ready</c> or <c>not-ready</c>.</summary>
public sealed record EndpointView(string Name, string UseCaseFolder, double CaptureShare, string State, IReadOnlyList<VariantView> Variants, string? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>The body of <c>PUT /api/v1/endpoints/{name}</c>: the variants (all of them: the endpoint is replaced), capture share and folder.</summary>
public sealed record EndpointPut(IReadOnlyList<EndpointVariant>? Variants, double? CaptureShare, string? UseCaseFolder);

/// <summary>An input the model reads: <c>numeric</c> or <c>text</c>.</summary>
public sealed record SchemaColumn(string Name, string Type);

/// <summary>What an endpoint's variant reads and answers (<c>GET /api/v1/endpoints/{name}/schema</c>).</summary>
public sealed record EndpointSchema(string Endpoint, string Variant, string Model, string Task, IReadOnlyList<SchemaColumn> Inputs, IReadOnlyList<string> Classes);

internal static class EndpointViews
{
    public static EndpointView Of(EndpointState? state, EndpointDefinition definition, EndpointRecord? record)
    {
        var live = definition.Live.Sum(v => v.Weight);
        var variants = definition.Variants.Select(variant =>
        {
            var loaded = state?.Variants.FirstOrDefault(v => v.Variant.Name == variant.Name && v.Variant.Model == variant.Model);
            var share = variant.Shadow || live == 0 ? 0 : variant.Weight / live;
            return new VariantView(variant.Name, variant.Model, variant.Weight, variant.Shadow, share, loaded?.Model?.Reference, loaded?.Model?.PackageId, loaded?.Error);
        }).ToList();
        return new EndpointView(definition.Name, definition.UseCaseFolder, definition.CaptureShare, state?.Ready == true ? "ready" : "not-ready", variants, record?.UpdatedBy, record?.UpdatedAt);
    }
}
