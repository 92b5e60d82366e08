using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Tasks;

namespace Flywheel.Tests.Data.Preprocessing;

/// <summary>
/// A small table whose split is fixed by a date column: rows 0–6 (days 1–7) are train, 7–8 validation, 9 test
/// (fractions 0.7 / 0.2 / 0.1, time-ordered). Validation holds a category never seen in train ("zz") and an extreme
/// income that would move the median if it leaked.
/// </summary>
internal static class PreparationFixtures
{
    public static readonly double[] Income = [10, 20, double.NaN, 40, 50, 60, 70, 10000, 80, 90];
    public static readonly string?[] City = ["tokyo", "osaka", "tokyo", null, "kyoto", "tokyo", "osaka", "zz", "tokyo", "osaka"];
    public static readonly string?[] Churn = ["yes", "no", "no", "yes", "no", "no", "yes", "no", "yes", "no"];
    public static readonly double[] Price = [100, 120, 90, 3000, 110, 130, 95, 105, 125, 140];

    public static ColumnTable Table() => new(
    [
        TableColumn.Text("date", ColumnKind.Date, Enumerable.Range(1, 10).Select(day => (string?)$"2024-01-{day:00}").ToArray()),
        TableColumn.Numeric("income", Income),
        TableColumn.Text("city", ColumnKind.Categorical, City),
        TableColumn.Text("constant", ColumnKind.Categorical, Enumerable.Repeat((string?)"same", 10).ToArray()),
        TableColumn.Text("churn", ColumnKind.Categorical, Churn),
        TableColumn.Numeric("price", Price),
    ], "fixture.csv");

    public static readonly SplitSettings TimeSplit = new(new SplitFractions(0.7, 0.2, 0.1), 1, SplitStrategy.TimeOrdered, "date");

    public static PreparationOptions Binary() => new("churn", MlTask.Binary, TimeSplit) { Positive = "yes", Drop = ["price"] };
}
