using System.Text.Json;
using System.Text.Json.Serialization;
using Flywheel.Operate.Batch;

namespace Flywheel.Operate.Async;

/// <summary>
/// One async invocation as the job holds it: the version to score with (resolved from the endpoint when submitted),
/// the input file, where the result and the failure document go, the accept type, the deadline (submitted + TTL: a
/// request that has not started by then fails as expired), the invocation timeout and the webhooks to call.
/// </summary>
public sealed record AsyncInvocation(
    string InferenceId,
    string Endpoint,
    string Model,
    string InputPath,
    string OutputPath,
    string FailurePath,
    string Accept,
    DateTimeOffset ExpiresAt,
    int InvocationTimeoutSeconds,
    string? CallbackUrl,
    string? CustomAttributes)
{
    public const int MinTtlSeconds = 60, MaxTtlSeconds = 21600, DefaultTtlSeconds = 21600;
    public const int MinTimeoutSeconds = 1, MaxTimeoutSeconds = 3600, DefaultTimeoutSeconds = 900;
    public const int MaxInlineBytes = 6 * 1024 * 1024;

    /// <summary>A header's seconds within [min, max] (absent: the default), or an <see cref="InputException"/> naming the header.</summary>
    public static int Seconds(string? text, string header, int min, int max, int fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= min && seconds <= max
            ? seconds
            : throw new InputException($"{header} must be a whole number of seconds from {min} to {max}, not '{text}'", header);
    }

    public BatchTransformSettings Settings => new() { Accept = Accept, JoinSource = "None" };
}

/// <summary>The document written to the failure location (SageMaker writes the container's error there).</summary>
public sealed record AsyncFailure(
    [property: JsonPropertyName("inferenceId")] string InferenceId,
    [property: JsonPropertyName("invocationStatus")] string InvocationStatus,
    [property: JsonPropertyName("errorCode")] string ErrorCode,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("element")] string? Element,
    [property: JsonPropertyName("failedAt")] DateTimeOffset FailedAt)
{
    public const string Expired = "RequestExpired", Timeout = "InvocationTimeout", Validation = "ValidationError", ModelError = "ModelError";

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);
}

/// <summary>
/// The completion notification, with SageMaker's field names (<c>invocationStatus</c>, <c>inferenceId</c>,
/// <c>responseParameters.outputLocation</c>, <c>failureLocation</c> on failure).
/// </summary>
public static class AsyncNotification
{
    public const string Completed = "Completed", Failed = "Failed";

    public static byte[] Body(AsyncInvocation invocation, bool succeeded, string outputLocation, string failureLocation, string? failureReason, DateTimeOffset at) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["awsRegion"] = "local",
            ["eventTime"] = at.ToString("O"),
            ["receivedTime"] = at.ToString("O"),
            ["invocationStatus"] = succeeded ? Completed : Failed,
            ["inferenceId"] = invocation.InferenceId,
            ["eventVersion"] = "1.0",
            ["eventSource"] = "flywheel:async-inference",
            ["requestParameters"] = new Dictionary<string, object?> { ["endpointName"] = invocation.Endpoint, ["customAttributes"] = invocation.CustomAttributes },
            ["responseParameters"] = succeeded
                ? new Dictionary<string, object?> { ["contentType"] = invocation.Accept, ["outputLocation"] = outputLocation }
                : new Dictionary<string, object?> { ["failureLocation"] = failureLocation },
            ["failureReason"] = failureReason,
        });
}
