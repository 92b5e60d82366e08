namespace Flywheel.Server.Invocations;

/// <summary>Real-time inference limits (a test or host replaces the registered instance).</summary>
public sealed record InvocationOptions
{
    /// <summary>SageMaker's real-time body limit, 6 MB.</summary>
    public const long SageMakerBodyLimit = 6_291_456;

    public long MaxBodyBytes { get; init; } = SageMakerBodyLimit;

    /// <summary>Rows in one request; more is 413 naming the limit (batch transform takes large files).</summary>
    public int MaxRows { get; init; } = Flywheel.Operate.Inference.Invoker.DefaultMaxRows;

    /// <summary>The top contributions an explanation lists unless the request asks otherwise (<c>explain_top</c>).</summary>
    public int ExplainTop { get; init; } = Flywheel.Operate.Inference.Invoker.DefaultExplainTop;
}
