using Flywheel.Data.Sources;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>A text column where some values are numbers and some are not ("12", "7", "unknown").</summary>
public static class MixedTypesRule
{
    public static DiagnosisRule Definition { get; } = new("mixed_types", "mixed_types", "Both numbers and non-numbers in one column; reported when the minority's share of present values exceeds the threshold.",
        0.0, [ColumnKind.Categorical, ColumnKind.Text], Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold)
    {
        foreach (var column in context.Features.Where(column => column.NumericLikeValues is > 0 && column.NumericLikeValues < column.Present))
        {
            var numbers = column.NumericLikeValues!.Value;
            var others = column.Present - numbers;
            var minority = (double)Math.Min(numbers, others) / column.Present;
            if (minority <= threshold) continue;
            var nonNumeric = (column.TopValues ?? []).Where(value => !double.TryParse(value.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)).Take(5).Select(value => value.Value).ToList();
            yield return new Finding("mixed_types", numbers > others ? Severity.Warning : Severity.Info, [column.Name],
                new Dictionary<string, object?> { ["numericValues"] = numbers, ["otherValues"] = others, ["otherExamples"] = nonNumeric },
                $"{column.Name} mixes numbers ({numbers:N0}) with other values ({others:N0}, e.g. {string.Join(", ", nonNumeric.Select(value => $"'{value}'"))})",
                numbers > others ? "turn the non-numbers into missing values (or a flag) and declare the column numeric in data.schema" : "confirm the numbers are category codes and declare the column categorical in data.schema",
                AskRoles.DataEngineer);
        }
    }
}
