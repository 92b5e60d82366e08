using System.Diagnostics;

namespace Flywheel.Workflows;

/// <summary>Wall time of each stage, in the order they ran, for the record and for finding what is slow.</summary>
public sealed class StageTimes
{
    private readonly List<KeyValuePair<string, double>> _seconds = [];

    public IReadOnlyDictionary<string, double> Seconds => _seconds.ToDictionary(pair => pair.Key, pair => pair.Value);

    public T Time<T>(string stage, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        _seconds.Add(KeyValuePair.Create(stage, clock.Elapsed.TotalSeconds));
        return result;
    }
}

/// <summary>Reports synchronously on the caller's thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
public sealed class ForwardProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
