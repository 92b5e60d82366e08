using Flywheel.Operate.Endpoints;

namespace Flywheel.Operate.Inference;

/// <summary>A variant as loaded now: its model (null until one loaded) and the last load error.</summary>
public sealed record VariantState(EndpointVariant Variant, LoadedModel? Model, string? Error)
{
    public bool Loaded => Model is not null;
}

/// <summary>
/// An endpoint as the runtime serves it at one moment: an immutable snapshot, swapped whole when a refresh loads a
/// new version, so a request that took it keeps its models to the end.
/// </summary>
public sealed record EndpointState(EndpointDefinition Definition, IReadOnlyList<VariantState> Variants)
{
    public string Name => Definition.Name;

    /// <summary>Ready when every live variant has a model loaded.</summary>
    public bool Ready => Variants.Where(v => !v.Variant.Shadow && v.Variant.Weight > 0).All(v => v.Loaded);

    public VariantState? Shadow => Variants.FirstOrDefault(v => v.Variant.Shadow);

    /// <summary>
    /// The variant that answers: the one named by <paramref name="target"/> (SageMaker's target-variant header; any
    /// variant but the shadow), else one drawn by weight with <paramref name="draw"/> in [0, 1).
    /// </summary>
    public VariantState Choose(string? target, double draw)
    {
        if (!string.IsNullOrEmpty(target))
            return Variants.FirstOrDefault(v => !v.Variant.Shadow && string.Equals(v.Variant.Name, target, StringComparison.Ordinal))
                ?? throw new RequestException($"X-Amzn-SageMaker-Target-Variant names '{target}', which endpoint '{Name}' does not have; its variants: {string.Join(", ", Variants.Where(v => !v.Variant.Shadow).Select(v => v.Variant.Name))}",
                    "X-Amzn-SageMaker-Target-Variant", false);
        var live = Variants.Where(v => !v.Variant.Shadow && v.Variant.Weight > 0).ToList();
        var total = live.Sum(v => v.Variant.Weight);
        var point = draw * total;
        foreach (var variant in live)
        {
            if (point < variant.Variant.Weight) return variant;
            point -= variant.Variant.Weight;
        }
        return live[^1];
    }
}

/// <summary>Why an invocation could not be answered although the request was good.</summary>
public enum InvocationFailure
{
    /// <summary>The variant has no model loaded (503).</summary>
    NotReady,
    /// <summary>The model threw while scoring (424).</summary>
    ModelError,
    /// <summary><c>/invocations</c> without a name on a server with several endpoints (400).</summary>
    Ambiguous,
}

public sealed class InvocationException(InvocationFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public InvocationFailure Failure { get; } = failure;
}
