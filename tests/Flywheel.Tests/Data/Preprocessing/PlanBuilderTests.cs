using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Tasks;

namespace Flywheel.Tests.Data.Preprocessing;

public class PlanBuilderTests
{
    private const int Rows = 12;
    private static readonly int[] AllRows = Enumerable.Range(0, Rows).ToArray();

    private static ColumnTable Table() => new(
    [
        TableColumn.Numeric("customer_id", [.. AllRows.Select(row => 1000.0 + row)]),
        TableColumn.Text("code", ColumnKind.Categorical, [.. AllRows.Select(row => (string?)$"A{row}")]),
        TableColumn.Numeric("mostly_missing", [.. AllRows.Select(row => row < 5 ? row : double.NaN)]),
        TableColumn.Numeric("age", [.. AllRows.Select(row => 20.0 + row)]),
        TableColumn.Text("signup", ColumnKind.Date, [.. AllRows.Select(row => (string?)$"2024-02-{row + 1:00}")]),
        TableColumn.Text("segment", ColumnKind.Categorical, [.. AllRows.Select(row => (string?)$"s{row % 3}")]),
        TableColumn.Text("store", ColumnKind.Categorical, [.. AllRows.Select(row => (string?)$"shop{row % 11}")]),
        TableColumn.Text("review", ColumnKind.Text, [.. AllRows.Select(row => (string?)$"review number {row}")]),
        TableColumn.Text("secret", ColumnKind.Categorical, [.. AllRows.Select(row => (string?)$"x{row % 2}")]),
        TableColumn.Text("account", ColumnKind.Categorical, [.. AllRows.Select(row => (string?)$"acc{row % 4}")]),
        TableColumn.Text("y", ColumnKind.Categorical, [.. AllRows.Select(row => (string?)(row % 2 == 0 ? "a" : "b"))]),
    ], "plan.csv");

    private static PreparationOptions Options() => new("y", MlTask.Binary, new SplitSettings(new SplitFractions(1, 0, 0), 1, SplitStrategy.Random, null))
    {
        Drop = ["secret"],
        IdColumns = ["account"],
        Plan = new PlanOptions { OneHotMax = 10 },
    };

    [Fact]
    public void Drops_and_encodings_follow_the_column_kinds_and_train_statistics()
    {
        var plan = PlanBuilder.Build(Table(), AllRows, Options());
        ColumnPlan Column(string name) => plan.Find(name)!;

        Assert.Null(plan.Find("y"));
        Assert.Equal("id-like: every train value is distinct", Column("customer_id").Reason);
        Assert.Equal("id-like: every train value is distinct", Column("code").Reason);
        Assert.Equal("58% missing in train (more than 50%)", Column("mostly_missing").Reason?.Replace(" %", "%"));
        Assert.StartsWith("a date column", Column("signup").Reason);
        Assert.Equal("listed in data.drop", Column("secret").Reason);
        Assert.Equal("an id column (data.roles.id)", Column("account").Reason);
        Assert.All(new[] { "customer_id", "code", "mostly_missing", "signup", "secret", "account" }, name => Assert.Equal(ColumnTreatment.Drop, Column(name).Treatment));

        Assert.Equal(new ColumnPlan("age", ColumnKind.Numeric, ColumnTreatment.Numeric, Scaling: Scaling.Standardize), Column("age"));
        Assert.Equal(ColumnTreatment.OneHot, Column("segment").Treatment);
        // 11 stores > one_hot_max 10 → hashed; ceil(log2(2 × 11)) = 5 bits, raised to the minimum of 6 (64 slots).
        Assert.Equal(ColumnTreatment.Hashed, Column("store").Treatment);
        Assert.Equal(6, Column("store").HashBits);
        Assert.Equal(ColumnTreatment.Text, Column("review").Treatment);
    }

    [Fact]
    public void Only_train_rows_decide_the_plan()
    {
        // In the first four rows "segment" has values s0, s1, s2, s0 but "mostly_missing" is complete, and "age" is
        // not constant; with rows 0 and 3 only, segment is constant ("s0").
        var plan = PlanBuilder.Build(Table(), [0, 3], Options());
        Assert.Equal("constant in train", plan.Find("segment")!.Reason);
        Assert.Equal(ColumnTreatment.Numeric, plan.Find("mostly_missing")!.Treatment);
    }

    [Fact]
    public void Overrides_that_do_not_fit_the_column_kind_are_input_errors()
    {
        var options = Options() with { Plan = new PlanOptions { Columns = new Dictionary<string, ColumnOverride> { ["segment"] = new(ColumnTreatment.Numeric) } } };
        var error = Assert.Throws<InputException>(() => PlanBuilder.Build(Table(), AllRows, options));
        Assert.Contains("column 'segment' is categorical", error.Message);

        options = Options() with { Plan = new PlanOptions { Columns = new Dictionary<string, ColumnOverride> { ["age"] = new(ColumnTreatment.OneHot) } } };
        error = Assert.Throws<InputException>(() => PlanBuilder.Build(Table(), AllRows, options));
        Assert.Contains("column 'age' is numeric", error.Message);
    }
}
