using System.Collections.Immutable;
using System.Globalization;

namespace Flywheel.Training;

/// <summary>
/// One tunable knob of a trainer: a range, whether it is searched on a log scale (learning rates, regularization),
/// whether it is a whole number, and the value used for the trainer's first, default trial.
/// </summary>
public sealed record Hyperparameter(string Name, double Min, double Max, double Default, bool LogScale = false, bool Integer = false)
{
    public double Sample(Random random) => Round(LogScale
        ? Math.Exp(Math.Log(Min) + random.NextDouble() * (Math.Log(Max) - Math.Log(Min)))
        : Min + random.NextDouble() * (Max - Min));

    /// <summary>A value near <paramref name="value"/>: a step of up to <paramref name="scale"/> of the range (log range when log scale), kept inside the range.</summary>
    public double Perturb(double value, Random random, double scale)
    {
        var step = (random.NextDouble() * 2 - 1) * scale;
        var moved = LogScale
            ? Math.Exp(Math.Log(value) + step * (Math.Log(Max) - Math.Log(Min)))
            : value + step * (Max - Min);
        return Round(Math.Clamp(moved, Min, Max));
    }

    private double Round(double value) => Integer ? Math.Round(value) : value;
}

/// <summary>Sampled values of a trainer's hyperparameters, by name, in a stable order for display and storage.</summary>
public sealed class HyperparameterSet
{
    public HyperparameterSet(IEnumerable<KeyValuePair<string, double>> values) => Values = values.ToImmutableSortedDictionary(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, double> Values { get; }

    public double this[string name] => Values.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"hyperparameter '{name}' was not sampled");

    public int Int(string name) => (int)Math.Round(this[name]);

    public float Float(string name) => (float)this[name];

    public HyperparameterSet With(string name, double value) => new(Values.SetItem(name, value));

    public override string ToString() =>
        string.Join(", ", Values.Select(pair => $"{pair.Key}={pair.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
}

/// <summary>The knobs a trainer exposes to the search.</summary>
public sealed record HyperparameterSpace(IReadOnlyList<Hyperparameter> Parameters)
{
    public HyperparameterSet Defaults() => new(Parameters.Select(p => KeyValuePair.Create(p.Name, p.Default)));

    public HyperparameterSet Sample(Random random) => new(Parameters.Select(p => KeyValuePair.Create(p.Name, p.Sample(random))));

    public HyperparameterSet Perturb(HyperparameterSet around, Random random, double scale) =>
        new(Parameters.Select(p => KeyValuePair.Create(p.Name, p.Perturb(around[p.Name], random, scale))));
}
