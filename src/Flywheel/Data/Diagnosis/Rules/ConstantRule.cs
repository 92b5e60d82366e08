using Flywheel.Data.Sources;
using static Flywheel.Data.Diagnosis.DiagnosisContext;

namespace Flywheel.Data.Diagnosis.Rules;

/// <summary>Columns with one value, or one value in nearly every row: they carry (almost) no information.</summary>
public static class ConstantRule
{
    public static DiagnosisRule Definition { get; } = new("constant", "constant", "A single value, or one value covering at least the threshold share of the present rows.",
        0.99, Enum.GetValues<ColumnKind>(), Evaluate);

    private static IEnumerable<Finding> Evaluate(DiagnosisContext context, double threshold)
    {
        foreach (var column in context.Features.Where(column => column.Present > 0))
        {
            var top = column.TopValues is { Count: > 0 } values ? values[0].Value : column.Numbers?.Min.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var evidence = new Dictionary<string, object?> { ["distinct"] = column.Distinct, ["topValue"] = top, ["topShare"] = Round(column.TopShare), ["threshold"] = threshold };
            if (column.Distinct <= 1)
                yield return new Finding("constant", Severity.Warning, [column.Name], evidence, $"{column.Name} has a single value ({top})", "drop the column", AskRoles.DataAnalyst);
            else if (column.TopShare >= threshold)
                yield return new Finding("constant", Severity.Info, [column.Name], evidence,
                    $"{column.Name} is near-constant: '{top}' in {Percent(column.TopShare)} of rows",
                    "drop it unless the rare values matter; ask what they mean", AskRoles.DomainExpert);
        }
    }
}
