using System.Globalization;

namespace Flywheel.Data.Splits;

/// <summary>The share of rows for each split. Each is in [0, 1], they add up to 1, and train is not empty.</summary>
public sealed record SplitFractions(double Train, double Validation, double Test)
{
    private const double Tolerance = 1e-9;

    public double this[SplitName split] => split switch
    {
        SplitName.Train => Train,
        SplitName.Validation => Validation,
        _ => Test,
    };

    /// <summary>Throws an <see cref="InputException"/> naming the offending field of <c>data.split</c>.</summary>
    public void Validate(string? file = null)
    {
        foreach (var split in SplitNames.All)
        {
            var value = this[split];
            if (double.IsNaN(value) || value < 0 || value > 1)
                throw new InputException($"'data.split.{split.Name()}' must be a fraction between 0 and 1, not {Format(value)}", file);
        }
        var total = Train + Validation + Test;
        if (Math.Abs(total - 1.0) > Tolerance)
            throw new InputException($"'data.split' fractions must add up to 1, not {Format(total)} (train {Format(Train)} + validation {Format(Validation)} + test {Format(Test)})", file);
        if (Train <= 0)
            throw new InputException("'data.split.train' must be more than 0: a model needs rows to learn from", file);
    }

    /// <summary>
    /// Whole-row counts for <paramref name="total"/> rows by largest remainder: each count is the floor of its exact
    /// share or one more, and the counts add up to the total. Ties go to the earlier split (train, then validation).
    /// </summary>
    public int[] Allocate(int total) => LargestRemainder.Allocate(total, [Train, Validation, Test]);

    internal static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

internal static class LargestRemainder
{
    public static int[] Allocate(int total, IReadOnlyList<double> fractions)
    {
        var counts = new int[fractions.Count];
        var remainders = new double[fractions.Count];
        var assigned = 0;
        for (var i = 0; i < fractions.Count; i++)
        {
            var exact = total * fractions[i];
            counts[i] = (int)Math.Floor(exact + 1e-9);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        var order = Enumerable.Range(0, fractions.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; assigned < total; k++, assigned++)
            counts[order[k % order.Length]]++;
        for (var k = order.Length - 1; assigned > total; k--)
        {
            if (counts[order[k]] == 0) continue;
            counts[order[k]]--;
            assigned--;
        }
        return counts;
    }
}
