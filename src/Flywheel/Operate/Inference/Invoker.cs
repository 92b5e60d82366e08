namespace Flywheel.Operate.Inference;

/// <summary>What a caller asked: the body and its content type, the variant targeted, explanations, the row limit.</summary>
public sealed record InvocationRequest(string MediaType, string Body, string? TargetVariant = null, int ExplainTop = 0, int MaxRows = Invoker.DefaultMaxRows);

/// <summary>What answered: the endpoint snapshot, the variant chosen, the decoded rows and their predictions.</summary>
public sealed record InvocationResult(EndpointState Endpoint, VariantState Variant, LoadedModel Model, RequestRows Rows, IReadOnlyList<Prediction> Predictions);

/// <summary>
/// One real-time invocation against an endpoint snapshot: choose the variant (target header or weighted draw),
/// decode the body against that model's inputs, score. Bad input: <see cref="RequestException"/>; no model loaded or
/// the model failing: <see cref="InvocationException"/>.
/// </summary>
public static class Invoker
{
    public const int DefaultMaxRows = 10_000;
    public const int DefaultExplainTop = 5;

    public static InvocationResult Invoke(EndpointState endpoint, InvocationRequest request, double draw)
    {
        var variant = endpoint.Choose(request.TargetVariant, draw);
        var model = variant.Model ?? throw new InvocationException(InvocationFailure.NotReady,
            $"endpoint '{endpoint.Name}' variant '{variant.Variant.Name}' has no model loaded ({variant.Variant.Model}){(variant.Error is { } error ? ": " + error : "")}");
        var rows = RequestDecoder.Decode(model.Spec, request.MediaType, request.Body, request.MaxRows);
        return new InvocationResult(endpoint, variant, model, rows, Score(model, rows, request.ExplainTop));
    }

    /// <summary>The shadow's answer to the same body, or null when there is no loaded shadow or it cannot read the body.</summary>
    public static (LoadedModel Model, IReadOnlyList<Prediction> Predictions)? Shadow(EndpointState endpoint, InvocationRequest request)
    {
        if (endpoint.Shadow?.Model is not { } model) return null;
        var rows = RequestDecoder.Decode(model.Spec, request.MediaType, request.Body, request.MaxRows);
        return (model, Score(model, rows, 0));
    }

    private static IReadOnlyList<Prediction> Score(LoadedModel model, RequestRows rows, int explainTop)
    {
        try
        {
            return model.Score(rows.Rows, explainTop);
        }
        catch (Exception error) when (error is not FlywheelException)
        {
            throw new InvocationException(InvocationFailure.ModelError, $"model {model.Reference} failed to score the request: {error.Message}", error);
        }
    }
}
