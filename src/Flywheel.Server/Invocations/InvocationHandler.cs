using System.Diagnostics;
using System.Text;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Telemetry;
using Microsoft.Net.Http.Headers;

namespace Flywheel.Server.Invocations;

/// <summary>
/// One real-time invocation over HTTP, shared by <c>/invocations</c>, <c>/endpoints/{name}/invocations</c> and the
/// native route: checks headers, content type, Accept and size, calls <see cref="Invoker"/>, writes the answer with
/// SageMaker's headers, then (off the answer's path) scores the shadow and offers capture. Errors are problem
/// documents, or MLflow's <c>{"error_code","message"}</c> when the request was MLflow-shaped.
/// </summary>
internal sealed class InvocationHandler(EndpointRuntime runtime, InvocationOptions options, IServiceProvider services, TimeProvider clock, ILogger<InvocationHandler> logger)
{
    private readonly ICaptureSink? _capture = services.GetService<ICaptureSink>();

    /// <summary>Answers one invocation; <paramref name="endpoint"/> null is container mode (the one endpoint).</summary>
    public async Task InvokeAsync(HttpContext context, string? endpoint, bool native = false)
    {
        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow();
        var request = context.Request;
        var response = context.Response;
        var tags = new TagList { { "endpoint", endpoint ?? "" }, { "variant", "" } };
        var mlflow = false;
        try
        {
            var state = endpoint is null ? runtime.Single() : runtime.Get(endpoint);
            tags[0] = new("endpoint", state.Name);
            var mediaType = MediaType(request.ContentType);
            if (mediaType is null || !RequestDecoder.Supports(mediaType))
            {
                await Fail(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                    $"the content type '{request.ContentType}' is not read; send text/csv, application/json or application/jsonlines", "Content-Type", mlflow);
                return;
            }
            var encoding = native ? RequestDecoder.Json : ResponseEncoder.Negotiate(request.Headers.Accept.ToString());
            if (encoding is null)
            {
                await Fail(context, StatusCodes.Status406NotAcceptable, "NotAcceptable",
                    $"cannot answer in '{request.Headers.Accept}'; accepted: application/json, text/csv, application/jsonlines", "Accept", mlflow);
                return;
            }
            var attributes = request.Headers[SageMakerHeaders.CustomAttributes].FirstOrDefault();
            var (inferenceId, idError) = SageMakerHeaders.InferenceIdOf(request.Headers[SageMakerHeaders.InferenceId].FirstOrDefault());
            if ((SageMakerHeaders.CheckCustomAttributes(attributes) ?? idError) is { } headerError)
            {
                await Fail(context, StatusCodes.Status400BadRequest, "ValidationError", headerError, headerError.Split(' ')[0], mlflow);
                return;
            }
            var body = await ReadBodyAsync(request, context.RequestAborted);
            if (body is null)
            {
                await Fail(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge",
                    $"the body is larger than {options.MaxBodyBytes:N0} bytes, the limit for real-time inference; use a batch transform or async inference", "body", mlflow);
                return;
            }
            if (body.Length == 0)
            {
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            var explainTop = !SageMakerHeaders.Explain(request) ? 0
                : int.TryParse(request.Query["explain_top"], out var top) && top > 0 ? top : options.ExplainTop;
            var invocation = new InvocationRequest(mediaType, body, request.Headers[SageMakerHeaders.TargetVariant].FirstOrDefault(), explainTop, options.MaxRows);
            mlflow = !native && mediaType != RequestDecoder.JsonLines && LooksMlflow(mediaType, body);
            var result = Invoker.Invoke(state, invocation, Random.Shared.NextDouble());
            tags[1] = new("variant", result.Variant.Variant.Name);
            var output = native
                ? ResponseEncoder.Encode(result.Model.Spec, result.Predictions, inferenceId, encoding,
                    new Dictionary<string, string> { ["endpoint"] = state.Name, ["variant"] = result.Variant.Variant.Name, ["model"] = result.Model.Reference, ["inference_id"] = inferenceId })
                : ResponseEncoder.Encode(result.Model.Spec, result.Predictions, inferenceId, encoding);
            response.Headers[SageMakerHeaders.InvokedVariant] = result.Variant.Variant.Name;
            response.Headers[SageMakerHeaders.InferenceId] = inferenceId;
            response.Headers[SageMakerHeaders.ModelVersion] = result.Model.Reference;
            if (attributes is not null) response.Headers[SageMakerHeaders.CustomAttributes] = attributes;
            response.ContentType = encoding == RequestDecoder.JsonLines ? "application/jsonlines" : encoding;
            await response.WriteAsync(output, context.RequestAborted);
            OperateTelemetry.RowsInvoked.Add(result.Predictions.Count, tags);
            var latency = Stopwatch.GetElapsedTime(started);
            var captured = _capture is not null && state.Definition.Captures(Random.Shared);
            if (captured)
                _capture!.Offer(new CaptureEvent(state.Name, result.Variant.Variant.Name, result.Model.Reference, inferenceId, Guid.NewGuid().ToString("D"), at,
                    request.ContentType ?? mediaType, body, response.ContentType, output, latency, false, attributes));
            if (state.Shadow?.Model is not null) _ = Task.Run(() => Shadow(state, invocation, inferenceId, at, attributes, captured));
        }
        catch (RequestException error)
        {
            await Fail(context, error.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, "ValidationError", error.Message, error.Element, mlflow || error.Mlflow);
        }
        catch (InvocationException error)
        {
            var (status, title) = error.Failure switch
            {
                InvocationFailure.ModelError => (StatusCodes.Status424FailedDependency, "ModelError"),
                InvocationFailure.Ambiguous => (StatusCodes.Status400BadRequest, "ValidationError"),
                _ => (StatusCodes.Status503ServiceUnavailable, "ModelNotReady"),
            };
            if (error.Failure == InvocationFailure.ModelError) logger.LogWarning(error.InnerException, "{Message}", error.Message);
            await Fail(context, status, title, error.Message, "endpoint", mlflow);
        }
        catch (NotFoundException error)
        {
            await Fail(context, StatusCodes.Status404NotFound, "NotFound", error.Message, error.Subject, mlflow);
        }
        finally
        {
            tags.Add("status", response.StatusCode);
            OperateTelemetry.Invocations.Add(1, tags);
            OperateTelemetry.InvocationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private void Shadow(Operate.Inference.EndpointState state, InvocationRequest invocation, string inferenceId, DateTimeOffset at, string? attributes, bool captured)
    {
        var started = Stopwatch.GetTimestamp();
        var variant = state.Shadow!.Variant.Name;
        var tags = new TagList { { "endpoint", state.Name }, { "variant", variant } };
        try
        {
            if (Invoker.Shadow(state, invocation with { ExplainTop = 0 }) is not var (model, predictions)) return;
            var output = ResponseEncoder.Encode(model.Spec, predictions, inferenceId, RequestDecoder.Json);
            tags.Add("status", StatusCodes.Status200OK);
            OperateTelemetry.RowsInvoked.Add(predictions.Count, tags);
            if (captured)
                _capture!.Offer(new CaptureEvent(state.Name, variant, model.Reference, inferenceId, Guid.NewGuid().ToString("D"), at,
                    invocation.MediaType, invocation.Body, RequestDecoder.Json, output, Stopwatch.GetElapsedTime(started), true, attributes));
        }
        catch (Exception error)
        {
            logger.LogInformation("shadow variant {Variant} of {Endpoint} did not score a request: {Error}", variant, state.Name, error.Message);
        }
    }

    private static bool LooksMlflow(string mediaType, string body)
    {
        if (mediaType == RequestDecoder.Json)
            return body.Contains("\"dataframe_split\"", StringComparison.Ordinal) || body.Contains("\"dataframe_records\"", StringComparison.Ordinal)
                || body.Contains("\"inputs\"", StringComparison.Ordinal);
        return false; // CSV: the decoder tells (a header row)
    }

    private static string? MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.HasValue ? parsed.MediaType.Value!.ToLowerInvariant() : null;

    // The body as text, or null when it is over the limit; invalid UTF-8 is a validation error.
    private async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellation)
    {
        try
        {
            return await BoundedBody.ReadAsync(request, options.MaxBodyBytes, (bytes, length) => Strict.GetString(bytes, 0, length).TrimStart('\uFEFF'), cancellation);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestException("the body is not UTF-8 text", "body", false);
        }
    }

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    private static Task Fail(HttpContext context, int status, string title, string message, string? element, bool mlflow)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        if (!mlflow) return Problems.WriteAsync(context, status, title, message, element);
        context.Response.StatusCode = status;
        var code = status switch
        {
            StatusCodes.Status503ServiceUnavailable => "TEMPORARILY_UNAVAILABLE",
            StatusCodes.Status404NotFound => "RESOURCE_DOES_NOT_EXIST",
            StatusCodes.Status413PayloadTooLarge => "REQUEST_LIMIT_EXCEEDED",
            StatusCodes.Status424FailedDependency => "INTERNAL_ERROR",
            _ => "BAD_REQUEST",
        };
        return context.Response.WriteAsJsonAsync(new MlflowError(code, message));
    }

    private sealed record MlflowError([property: System.Text.Json.Serialization.JsonPropertyName("error_code")] string ErrorCode,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
}
