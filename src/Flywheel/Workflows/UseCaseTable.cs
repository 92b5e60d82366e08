using System.Globalization;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.UseCases;

namespace Flywheel.Workflows;

/// <summary>
/// Reads a use case's <c>data.source</c> into memory through the Data stage's DuckDB source. Numeric columns become
/// numbers; every other value keeps the text a CSV row carries at serving time. DuckDB reads <c>yes</c>/<c>no</c> as
/// BOOLEAN, which would train on "true" while serving sees "yes"; such columns are read again as text.
/// </summary>
public static class UseCaseTable
{
    public static ColumnTable Load(UseCase useCase)
    {
        var spec = SourceSpec.FromUseCase(useCase);
        using var source = OpenKeepingText(spec);
        var columns = source.Columns;
        var numbers = columns.Select(column => column.Kind == ColumnKind.Numeric ? new List<double>() : null).ToArray();
        var texts = columns.Select(column => column.Kind == ColumnKind.Numeric ? null : new List<string?>()).ToArray();
        foreach (var row in source.ReadRows())
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (numbers[i] is { } numeric) numeric.Add(row[i] is null ? double.NaN : Convert.ToDouble(row[i], CultureInfo.InvariantCulture));
                else texts[i]!.Add(Text(row[i]));
            }
        }
        return new ColumnTable(columns.Select((column, i) => numbers[i] is { } numeric
            ? TableColumn.Numeric(column.Name, numeric.ToArray())
            : TableColumn.Text(column.Name, column.Kind, texts[i]!.ToArray())).ToList(), useCase.Resolve(useCase.Data!.Source.Value));
    }

    private static DataSource OpenKeepingText(SourceSpec spec)
    {
        var source = DataSource.Open(spec);
        var booleans = source.Columns.Where(column => column.Kind == ColumnKind.Boolean && !spec.DeclaredKinds.ContainsKey(column.Name)).ToList();
        if (booleans.Count == 0) return source;
        source.Dispose();
        var kinds = new Dictionary<string, ColumnKind>(spec.DeclaredKinds, StringComparer.Ordinal);
        foreach (var column in booleans) kinds[column.Name] = ColumnKind.Categorical;
        return DataSource.Open(spec with { DeclaredKinds = kinds });
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
