namespace Flywheel.Operate.GroundTruth;

/// <summary>
/// One label posted for a captured inference: <see cref="EventId"/> is the key Model Monitor merges on (the capture's
/// inference id, else its event id), <see cref="Data"/> the label as text and <see cref="Encoding"/> <c>CSV</c> for a
/// scalar label or <c>JSON</c> for a structured one.
/// </summary>
public sealed record GroundTruthRecord(string EventId, string Data, string Encoding);

/// <summary>What one ground-truth request may hold.</summary>
public sealed record GroundTruthLimits
{
    public int MaxRecords { get; init; } = 10_000;

    /// <summary>The request body's size limit (SageMaker's 6 MB payload).</summary>
    public long MaxBodyBytes { get; init; } = 6L * 1024 * 1024;

    public int MaxIdLength { get; init; } = 256;

    public int MaxLabelLength { get; init; } = 4096;
}
