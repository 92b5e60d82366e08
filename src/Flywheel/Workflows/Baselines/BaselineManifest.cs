using System.Text.Json;
using Flywheel.Registry;

namespace Flywheel.Workflows.Baselines;

/// <summary>The manifest's <c>baselineStatistics</c>: which attachments hold the baseline, and their hashes.</summary>
public sealed record BaselineManifest(int Version, IReadOnlyDictionary<string, string> Files)
{
    public static JsonElement Describe(IReadOnlyDictionary<string, byte[]> attachments) => JsonSerializer.SerializeToElement(
        new BaselineManifest(1, attachments.OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => Storage.ContentHash.OfBytes(a.Value), StringComparer.Ordinal)), PackageJson.Options);
}
