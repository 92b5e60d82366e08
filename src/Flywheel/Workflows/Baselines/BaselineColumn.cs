namespace Flywheel.Workflows.Baselines;

/// <summary>One training column as the baseline reads it: numbers (NaN = missing) or texts (null = missing).</summary>
public sealed record BaselineColumn(string Name, double[]? Numbers, string?[]? Texts)
{
    public bool IsNumeric => Numbers is not null;
    public int Count => Numbers?.Length ?? Texts!.Length;

    public static BaselineColumn Numeric(string name, double[] values) => new(name, values, null);
    public static BaselineColumn Text(string name, string?[] values) => new(name, null, values);
}
