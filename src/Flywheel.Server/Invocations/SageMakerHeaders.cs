namespace Flywheel.Server.Invocations;

/// <summary>The SageMaker runtime headers and their checks.</summary>
internal static class SageMakerHeaders
{
    public const string CustomAttributes = "X-Amzn-SageMaker-Custom-Attributes";
    public const string InferenceId = "X-Amzn-SageMaker-Inference-Id";
    public const string TargetVariant = "X-Amzn-SageMaker-Target-Variant";
    public const string EnableExplanations = "X-Amzn-SageMaker-Enable-Explanations";
    public const string InvokedVariant = "x-Amzn-Invoked-Production-Variant";

    /// <summary>Flywheel's own: the exact version that answered (<c>churn:3</c>).</summary>
    public const string ModelVersion = "X-Flywheel-Model-Version";

    /// <summary>The custom attributes to echo, or an error: at most 1024 visible ASCII characters.</summary>
    public static string? CheckCustomAttributes(string? value) =>
        value is null || (value.Length <= 1024 && value.All(c => c >= 0x20 && c <= 0x7E)) ? null
            : $"{CustomAttributes} must be at most 1024 visible ASCII characters (it has {value.Length})";

    /// <summary>The inference id to use, or an error: 1–64 visible ASCII characters; generated when absent.</summary>
    public static (string Id, string? Error) InferenceIdOf(string? value)
    {
        if (value is null) return (Guid.NewGuid().ToString("D"), null);
        return value.Length is >= 1 and <= 64 && value.All(c => c > 0x20 && c <= 0x7E) ? (value, null)
            : ("", $"{InferenceId} must be 1 to 64 visible ASCII characters without spaces");
    }

    /// <summary>
    /// Whether explanations were asked for: SageMaker's header holds a JMESPath expression (<c>`true`</c>, <c>`false`</c>)
    /// — any value but false/0/empty enables them; or <c>?explain=true</c>.
    /// </summary>
    public static bool Explain(HttpRequest request)
    {
        static bool On(string? text) => text is not null && text.Trim().Trim('`').Trim() is var v && v.Length > 0
            && !v.Equals("false", StringComparison.OrdinalIgnoreCase) && v != "0";
        return On(request.Headers[EnableExplanations].FirstOrDefault()) || On(request.Query["explain"].FirstOrDefault());
    }
}
