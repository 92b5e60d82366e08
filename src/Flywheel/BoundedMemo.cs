using System.Collections.Concurrent;

namespace Flywheel;

/// <summary>
/// Values computed once per key and kept for the process, for a server that would otherwise compute the same figures
/// on every visit. The key must name everything the value depends on (a file's fingerprint, the language…); the memo
/// empties itself when it holds more than <paramref name="bound"/> keys, so a long-running process that sees many
/// versions of a file keeps only the recent ones.
/// </summary>
public sealed class BoundedMemo<TValue>(int bound)
{
    private readonly ConcurrentDictionary<string, TValue> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public bool TryGet(string key, out TValue value) => _values.TryGetValue(key, out value!);

    public void Set(string key, TValue value)
    {
        if (_values.Count >= bound) _values.Clear();
        _values[key] = value;
    }

    public TValue GetOrAdd(string key, Func<string, TValue> compute)
    {
        if (_values.TryGetValue(key, out var value)) return value;
        value = compute(key);
        Set(key, value);
        return value;
    }
}
