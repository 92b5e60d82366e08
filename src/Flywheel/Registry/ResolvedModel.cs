using Flywheel.Storage;

namespace Flywheel.Registry;

/// <summary>A reference made concrete: the verified package, and its registered version and aliases when it has them.</summary>
public sealed record ResolvedModel(ModelPackage Package, ModelVersion? Version, IReadOnlyList<ModelAlias> Aliases);
