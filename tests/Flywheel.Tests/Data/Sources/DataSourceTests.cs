using System.Text;
using Flywheel.Data.Sources;

namespace Flywheel.Tests.Data.Sources;

public class DataSourceTests
{
    [Fact]
    public void Opens_credit_data_with_detected_kinds_and_row_count()
    {
        using var source = DataSource.Open(TestData.File("credit_data.csv"), target: "Status");
        Assert.Equal(4454, source.RowCount);
        Assert.Equal(14, source.Columns.Count);
        Assert.Equal(ColumnKind.Categorical, source.Column("Status").Kind);
        Assert.Equal(ColumnKind.Numeric, source.Column("Income").Kind);
        Assert.Equal("Status", source.Target!.Name);
        Assert.Equal(13, source.Features.Count());
        Assert.Equal(",", source.Dialect!.Delimiter);
        Assert.True(source.Dialect.HasHeader);
        Assert.Equal(381L, source.Scalar<long>($"SELECT count(*) FROM {DataSource.Relation} WHERE \"Income\" IS NULL"));
    }

    [Fact]
    public void Detects_semicolons_quotes_and_Japanese_names()
    {
        using var folder = new TempFolder();
        var file = folder.Write("jp.csv", "顧客ID;地域;売上;メモ\n1;\"東京; 本社\";100.5;はい\n2;大阪;200;いいえ\n3;名古屋;;はい\n");
        using var source = DataSource.Open(file);
        Assert.Equal(";", source.Dialect!.Delimiter);
        Assert.Equal(["顧客ID", "地域", "売上", "メモ"], source.Columns.Select(column => column.Name));
        Assert.Equal(ColumnKind.Numeric, source.Column("売上").Kind);
        Assert.Equal(ColumnKind.Categorical, source.Column("地域").Kind);
        var rows = source.ReadRows(["地域", "売上"]).ToList();
        Assert.Equal("東京; 本社", rows[0][0]);
        Assert.Equal(100.5, Convert.ToDouble(rows[0][1]), 9);
        Assert.Null(rows[2][1]);
    }

    [Fact]
    public void Detects_booleans_dates_and_free_text()
    {
        using var folder = new TempFolder();
        var lines = new StringBuilder("flag,day,review\n");
        for (var i = 0; i < 40; i++)
            lines.Append(i % 2 == 0 ? "true" : "false").Append(',').Append($"2024-01-{i % 28 + 1:00}").Append(",\"This product number ").Append(i).Append(" was a pleasant surprise, would buy again\"\n");
        using var source = DataSource.Open(folder.Write("mixed.csv", lines.ToString()));
        Assert.Equal(ColumnKind.Boolean, source.Column("flag").Kind);
        Assert.Equal(ColumnKind.Date, source.Column("day").Kind);
        Assert.Equal(ColumnKind.Text, source.Column("review").Kind);
    }

    [Fact]
    public void A_value_that_breaks_the_sampled_type_keeps_the_column_as_text()
    {
        using var folder = new TempFolder();
        var lines = new StringBuilder("x,y\n");
        for (var i = 0; i < 30_000; i++) lines.Append(i).Append(',').Append(i * 2).Append('\n');
        lines.Append("7,unknown\n");
        using var source = DataSource.Open(folder.Write("late.csv", lines.ToString()));
        Assert.Equal(30_001, source.RowCount);
        Assert.Equal(ColumnKind.Numeric, source.Column("x").Kind);
        Assert.Equal("VARCHAR", source.Column("y").SqlType);
    }

    [Fact]
    public void Use_case_folder_resolves_source_target_and_declared_schema()
    {
        using var folder = new TempFolder();
        folder.Write("data/shops.csv", "shop_code,sales,label\n101,10,a\n102,20,b\n103,30,a\n");
        folder.Write("flywheel.yaml", "name: shops\nstatement: As a shop I get stock in time.\ndata:\n  source: data/shops.csv\n  target: label\n  schema:\n    shop_code: categorical\n    sales: numeric\n");
        using var source = DataSource.Open(folder.Path);
        Assert.Equal("label", source.Target!.Name);
        Assert.Equal(ColumnKind.Categorical, source.Column("shop_code").Kind);
        Assert.Equal("VARCHAR", source.Column("shop_code").SqlType);
        Assert.Equal(ColumnKind.Numeric, source.Column("sales").Kind);
        Assert.Equal("DOUBLE", source.Column("sales").SqlType);
        Assert.NotNull(source.Spec.UseCase);
    }

    [Fact]
    public void Command_line_target_overrides_the_use_case_target()
    {
        using var folder = new TempFolder();
        folder.Write("data/d.csv", "a,b\n1,x\n2,y\n");
        folder.Write("flywheel.yaml", "name: d\nstatement: s\ndata:\n  source: data/d.csv\n  target: b\n");
        using var source = DataSource.Open(folder.Path, target: "a");
        Assert.Equal("a", source.Target!.Name);
    }

    [Fact]
    public void Declared_column_missing_from_the_file_is_named()
    {
        using var folder = new TempFolder();
        folder.Write("data/d.csv", "a,b\n1,x\n");
        folder.Write("flywheel.yaml", "name: d\nstatement: s\ndata:\n  source: data/d.csv\n  schema: { nope: numeric }\n");
        var error = Assert.Throws<InputException>(() => DataSource.Open(folder.Path));
        Assert.Contains("'nope'", error.Message);
        Assert.EndsWith("flywheel.yaml", error.File);
    }

    [Fact]
    public void Opens_parquet()
    {
        using var folder = new TempFolder();
        var parquet = Path.Combine(folder.Path, "credit.parquet");
        using (var csv = DataSource.Open(TestData.File("credit_data.csv")))
        {
            using var command = csv.Command($"COPY {DataSource.Relation} TO {SqlText.Literal(parquet)} (FORMAT parquet)");
            command.ExecuteNonQuery();
        }
        using var source = DataSource.Open(parquet, target: "Status");
        Assert.Null(source.Dialect);
        Assert.Equal(4454, source.RowCount);
        Assert.Equal(ColumnKind.Numeric, source.Column("Income").Kind);
    }

    [Fact]
    public void View_mode_streams_rows_in_file_order()
    {
        using var folder = new TempFolder();
        var file = folder.Write("order.csv", "n\n3\n1\n2\n");
        using var source = DataSource.Open(file, options: new SourceOptions(Materialize: false));
        Assert.Equal([3L, 1L, 2L], source.ReadRows().Select(row => Convert.ToInt64(row[0])));
    }
}
