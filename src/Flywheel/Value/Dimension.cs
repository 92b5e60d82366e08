using System.Text;

namespace Flywheel.Value;

/// <summary>
/// The physical kind of a quantity: a product of base dimensions with integer exponents, e.g. JPY·time⁻¹.
/// Time is one dimension; each currency is its own dimension; counts (people, items) are not dimensions at all.
/// </summary>
public sealed class Dimension : IEquatable<Dimension>
{
    public const string Time = "time";

    private readonly SortedDictionary<string, int> _exponents;

    private Dimension(SortedDictionary<string, int> exponents) => _exponents = exponents;

    public static Dimension None { get; } = new(new SortedDictionary<string, int>(StringComparer.Ordinal));

    public static Dimension Of(string baseDimension, int exponent = 1) => new(exponent == 0
        ? new SortedDictionary<string, int>(StringComparer.Ordinal)
        : new SortedDictionary<string, int>(StringComparer.Ordinal) { [baseDimension] = exponent });

    public IReadOnlyDictionary<string, int> Exponents => _exponents;

    public bool IsNone => _exponents.Count == 0;

    public int ExponentOf(string baseDimension) => _exponents.GetValueOrDefault(baseDimension);

    public Dimension Multiply(Dimension other) => Combine(other, 1);

    public Dimension Divide(Dimension other) => Combine(other, -1);

    public Dimension Power(int exponent)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (exponent != 0)
        {
            foreach (var (name, power) in _exponents) result[name] = power * exponent;
        }
        return new Dimension(result);
    }

    /// <summary>The one currency this dimension is made of (to the first power), if any, e.g. JPY for JPY/day.</summary>
    public string? Currency
    {
        get
        {
            var currencies = _exponents.Where(pair => pair.Key != Time).ToList();
            return currencies is [{ Value: 1 } only] ? only.Key : null;
        }
    }

    /// <summary>A currency amount per unit of time (JPY/day, USD/month ...).</summary>
    public bool IsCurrencyRate => Currency is not null && ExponentOf(Time) == -1 && _exponents.Count == 2;

    public bool IsCurrencyAmount => Currency is not null && _exponents.Count == 1;

    public bool IsTime => _exponents.Count == 1 && ExponentOf(Time) == 1;

    private Dimension Combine(Dimension other, int sign)
    {
        var result = new SortedDictionary<string, int>(_exponents, StringComparer.Ordinal);
        foreach (var (name, power) in other._exponents)
        {
            var sum = result.GetValueOrDefault(name) + sign * power;
            if (sum == 0) result.Remove(name);
            else result[name] = sum;
        }
        return new Dimension(result);
    }

    public bool Equals(Dimension? other) => other is not null && _exponents.Count == other._exponents.Count
        && _exponents.All(pair => other._exponents.TryGetValue(pair.Key, out var power) && power == pair.Value);

    public override bool Equals(object? obj) => obj is Dimension other && Equals(other);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The unit this dimension is displayed in: currencies by code, time in days ("JPY/day", "1/day", "JPY·day").</summary>
    public override string ToString()
    {
        if (IsNone) return "";
        // Currencies first, then time, so that rates read "JPY/day".
        var ordered = _exponents.OrderBy(pair => pair.Key == Time ? 1 : 0).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var numerator = ordered.Where(pair => pair.Value > 0).Select(pair => Factor(pair.Key, pair.Value)).ToList();
        var denominator = ordered.Where(pair => pair.Value < 0).Select(pair => Factor(pair.Key, -pair.Value)).ToList();
        var text = new StringBuilder(numerator.Count == 0 ? "1" : string.Join("·", numerator));
        if (denominator.Count > 0) text.Append('/').Append(denominator.Count == 1 ? denominator[0] : $"({string.Join("·", denominator)})");
        return text.ToString();
    }

    private static string Factor(string name, int power)
    {
        var shown = name == Time ? "day" : name;
        return power == 1 ? shown : $"{shown}^{power}";
    }
}
