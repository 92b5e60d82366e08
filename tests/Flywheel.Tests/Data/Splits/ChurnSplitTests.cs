using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;

namespace Flywheel.Tests.Data.Splits;

public class ChurnSplitTests
{
    private static ColumnTable Churn()
    {
        return ColumnTableReader.Read(SourceSpec.ForFile(TestData.Repo("samples/churn/data/mlc_churn.csv"), "churn"));
    }

    [Fact]
    public void Stratified_split_of_mlc_churn_keeps_class_proportions_within_one_row()
    {
        var table = Churn();
        var settings = new SplitSettings(new SplitFractions(0.7, 0.2, 0.1), 1729, SplitStrategy.Stratified, "churn");
        var assignment = Splitter.Assign(settings, TableSplitKeys.From(table, settings), TableFingerprint.Compute(table));
        var churn = table.Get("churn", "test");

        // 707 yes / 4293 no: exact shares 494.9 / 141.4 / 70.7 and 3005.1 / 858.6 / 429.3.
        foreach (var (label, total) in new[] { ("yes", 707), ("no", 4293) })
        {
            foreach (var split in SplitNames.All)
            {
                var count = Enumerable.Range(0, table.RowCount).Count(row => churn.String(row) == label && assignment[row] == split);
                Assert.InRange(count, total * settings.Fractions[split] - 1, total * settings.Fractions[split] + 1);
            }
        }
        Assert.Equal([3500, 1000, 500], SplitNames.All.Select(assignment.Count));
    }

    [Fact]
    public void A_group_column_that_does_not_exist_is_an_input_error_naming_it()
    {
        var settings = new SplitSettings(new SplitFractions(0.7, 0.2, 0.1), 1, SplitStrategy.Grouped, "household");
        var error = Assert.Throws<InputException>(() => TableSplitKeys.From(Churn(), settings));
        Assert.Contains("'household'", error.Message);
        Assert.EndsWith("mlc_churn.csv", error.File);
    }

    [Fact]
    public void A_date_column_that_does_not_parse_is_an_input_error_naming_it_and_the_row()
    {
        var table = new ColumnTable([TableColumn.Text("when", ColumnKind.Categorical, ["2024-01-01", "2024-01-02", "yesterday"])], "dates.csv");
        var settings = new SplitSettings(new SplitFractions(0.7, 0.2, 0.1), 1, SplitStrategy.TimeOrdered, "when");
        var error = Assert.Throws<InputException>(() => TableSplitKeys.From(table, settings));
        Assert.Contains("'when'", error.Message);
        Assert.Contains("'yesterday' in data row 3", error.Message);
        Assert.Equal("dates.csv", error.File);
    }

    [Fact]
    public void Years_and_iso_dates_order_a_time_split()
    {
        var table = new ColumnTable([TableColumn.Numeric("year", [2012, 2010, 2011, 2010])], "years.csv");
        var settings = new SplitSettings(new SplitFractions(0.5, 0.25, 0.25), 1, SplitStrategy.TimeOrdered, "year");
        var keys = TableSplitKeys.From(table, settings);
        Assert.Equal([new DateTime(2012, 1, 1), new DateTime(2010, 1, 1), new DateTime(2011, 1, 1), new DateTime(2010, 1, 1)], keys.Times);
        Assert.Equal([SplitName.Test, SplitName.Train, SplitName.Validation, SplitName.Train], Splitter.Assign(settings, keys, "d").Rows);
    }

    [Fact]
    public void An_empty_date_is_an_input_error_naming_the_column()
    {
        var table = new ColumnTable([TableColumn.Text("when", ColumnKind.Date, ["2024-01-01", null])], "dates.csv");
        var settings = new SplitSettings(new SplitFractions(0.5, 0.5, 0), 1, SplitStrategy.TimeOrdered, "when");
        var error = Assert.Throws<InputException>(() => TableSplitKeys.From(table, settings));
        Assert.Contains("'when' is empty in data row 2", error.Message);
    }

    [Fact]
    public void Assignment_csv_lists_one_based_rows_and_split_names()
    {
        using var folder = new TempFolder();
        var assignment = new SplitAssignment(new SplitSettings(new SplitFractions(0.5, 0.25, 0.25), 1, SplitStrategy.Random, null),
            [SplitName.Test, SplitName.Train, SplitName.Validation], "d");
        var path = Path.Combine(folder.Path, "out", "assignment.csv");
        SplitAssignmentCsv.Write(assignment, path);
        Assert.Equal("row,split\n1,test\n2,train\n3,validation\n", File.ReadAllText(path));
    }

    [Fact]
    public void Yes_no_columns_keep_their_spelling()
    {
        var table = Churn();
        Assert.Equal(["no", "yes"], table.Get("international_plan", "test").Strings().Distinct().Order());
        Assert.Equal(["no", "yes"], table.Get("churn", "test").Strings().Distinct().Order());
    }

    [Fact]
    public void Columns_duckdb_reads_as_boolean_keep_their_text_and_their_boolean_kind()
    {
        using var folder = new TempFolder();
        var file = folder.Write("flags.csv", "flag,x\nTrue,1\nFalse,2\nTrue,3\n");
        var table = ColumnTableReader.Read(SourceSpec.ForFile(file));
        var flag = table.Get("flag", "test");
        Assert.Equal(ColumnKind.Boolean, flag.Kind);
        Assert.Equal(["True", "False", "True"], flag.Strings());
    }
}
