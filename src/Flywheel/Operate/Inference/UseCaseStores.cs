using System.Collections.Concurrent;
using Flywheel.Storage;

namespace Flywheel.Operate.Inference;

/// <summary>
/// The registry store of each served use-case folder, opened once: the first folder's store is the server's own
/// (passed in, never opened twice), the others open on first use with the server's store options.
/// </summary>
public sealed class UseCaseStores(string firstFolder, MetadataStore first, StoreOptions options)
{
    private readonly string _first = Path.GetFullPath(firstFolder);
    private readonly ConcurrentDictionary<string, Lazy<MetadataStore>> _others = new(StringComparer.Ordinal);

    public MetadataStore Get(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (string.Equals(full, _first, StringComparison.Ordinal)) return first;
        return _others.GetOrAdd(full, path => new Lazy<MetadataStore>(() => MetadataStore.ForUseCase(path, options))).Value;
    }
}
