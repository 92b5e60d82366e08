namespace Flywheel.Operate.Batch;

/// <summary>
/// A submitted batch transform as its job keeps it: the model reference (as asked, or the endpoint's exact version
/// when an endpoint was named), the input as the request named it and its resolved path, the output path and the settings.
/// </summary>
public sealed record BatchTransformSpec(string Model, string? Endpoint, string Input, string InputPath, string OutputPath, BatchTransformSettings Settings);
