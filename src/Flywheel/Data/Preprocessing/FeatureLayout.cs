using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Data.Preprocessing;

public enum FeatureRole
{
    Value,
    MissingIndicator,
    OneHot,
    Hashed,
    Ordinal,
    Text,
}

/// <summary>
/// A run of slots in the "Features" vector that one input column produced, with a readable name per slot
/// (<c>age</c>, <c>age (missing)</c>, <c>city=tokyo</c>, <c>zip#5</c>, <c>notes[17]</c>), for explanations and reports.
/// </summary>
public sealed record FeatureGroup(string Column, FeatureRole Role, int Start, int Length, IReadOnlyList<string> SlotNames);

/// <summary>Where each input column's slots are in "Features", read off the fitted transformer's output schema.</summary>
public static class FeatureLayout
{
    public static IReadOnlyList<FeatureGroup> Of(FittedPlan fitted, DataViewSchema transformed)
    {
        var groups = new List<FeatureGroup>();
        var start = 0;
        var index = 0;
        foreach (var column in fitted.Plan.Features)
        {
            var part = PlanCompiler.PartName(index++);
            var length = Size(transformed, part);
            var statistics = fitted.Column(column.Name);
            var (role, names) = column.Treatment switch
            {
                ColumnTreatment.Numeric => (FeatureRole.Value, [column.Name]),
                ColumnTreatment.Ordinal => (FeatureRole.Ordinal, [column.Name]),
                ColumnTreatment.OneHot => (FeatureRole.OneHot, statistics.Vocabulary!.Select(value => $"{column.Name}={value}").ToList()),
                ColumnTreatment.Hashed => (FeatureRole.Hashed, Enumerable.Range(0, length).Select(slot => $"{column.Name}#{slot}").ToList()),
                _ => (FeatureRole.Text, Enumerable.Range(0, length).Select(slot => $"{column.Name}[{slot}]").ToList<string>()),
            };
            groups.Add(new FeatureGroup(column.Name, role, start, length, names));
            start += length;
            if (column.MissingIndicator)
            {
                groups.Add(new FeatureGroup(column.Name, FeatureRole.MissingIndicator, start, 1, [$"{column.Name} (missing)"]));
                start += 1;
            }
        }
        return groups;
    }

    private static int Size(DataViewSchema schema, string column) => schema[column].Type switch
    {
        VectorDataViewType vector => vector.Size,
        _ => 1,
    };
}
