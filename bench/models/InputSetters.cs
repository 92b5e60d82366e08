using System.Globalization;
using System.Reflection;
using Flywheel.Serving;
using Microsoft.ML.Data;

namespace Flywheel.Bench.Models;

/// <summary>Sets one <see cref="ChurnInput"/> property from CSV text: a number (empty = NaN) or the text itself.</summary>
internal sealed record InputSetter(string Column, Action<ChurnInput, string> Set);

internal static class InputSetters
{
    /// <summary>One setter per model input; fails when <see cref="ChurnInput"/> does not match the package's inputs.</summary>
    public static IReadOnlyList<InputSetter> For(ServingSpec spec)
    {
        var properties = typeof(ChurnInput).GetProperties().ToDictionary(ColumnName, StringComparer.Ordinal);
        return spec.Inputs.Select(input =>
        {
            if (!properties.TryGetValue(input.Name, out var property))
                throw new InvalidOperationException($"ChurnInput has no column '{input.Name}'; this baseline is written for mlc_churn");
            if ((property.PropertyType == typeof(float)) != input.Numeric)
                throw new InvalidOperationException($"column '{input.Name}' is {(input.Numeric ? "numeric" : "text")} in the package, not in ChurnInput");
            // Compiled setters, not PropertyInfo.SetValue: as fast as the hand-written assignments of a real client.
            if (input.Numeric)
            {
                var setNumber = property.SetMethod!.CreateDelegate<Action<ChurnInput, float>>();
                return new InputSetter(input.Name, (row, text) => setNumber(row, Number(text)));
            }
            var setText = property.SetMethod!.CreateDelegate<Action<ChurnInput, string>>();
            return new InputSetter(input.Name, setText);
        }).ToList();
    }

    /// <summary>Where each setter's column is in a CSV header.</summary>
    public static int[] FieldsOf(IReadOnlyList<InputSetter> setters, string[] header) =>
        setters.Select(setter => Array.IndexOf(header, setter.Column) is var index and >= 0
            ? index
            : throw new InvalidOperationException($"the input has no column '{setter.Column}'")).ToArray();

    public static ChurnInput Fill(ChurnInput row, IReadOnlyList<InputSetter> setters, int[] fieldOf, string[] fields)
    {
        for (var i = 0; i < setters.Count; i++) setters[i].Set(row, fields[fieldOf[i]]);
        return row;
    }

    // ColumnNameAttribute keeps its name internal; its constructor argument is the name.
    private static string ColumnName(PropertyInfo property) =>
        (string)property.GetCustomAttributesData().Single(a => a.AttributeType == typeof(ColumnNameAttribute)).ConstructorArguments[0].Value!;

    private static float Number(string text) =>
        Flywheel.Data.Sources.CsvDialect.Legacy.IsMissing(text) ? float.NaN : float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
