using System.Text;
using Flywheel.Data.Sources;

namespace Flywheel.Tests.Data.Sources;

/// <summary>Every bad file becomes an InputException that names the file (and the line where it can).</summary>
public class BadSourceTests
{
    [Fact]
    public void Empty_file()
    {
        using var folder = new TempFolder();
        var file = folder.Write("empty.csv", "");
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("empty", error.Message);
        Assert.Equal(Path.GetFullPath(file), error.File);
    }

    [Fact]
    public void Header_only()
    {
        using var folder = new TempFolder();
        var file = folder.Write("header.csv", "id,name,amount\n");
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("no data rows", error.Message);
    }

    [Fact]
    public void Ragged_rows_name_the_line()
    {
        using var folder = new TempFolder();
        var file = folder.Write("ragged.csv", "a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n11,12,13\n");
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("ragged", error.Message);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Ragged_row_far_down_the_file_names_its_line()
    {
        using var folder = new TempFolder();
        var lines = new StringBuilder("a,b,c\n");
        for (var i = 0; i < 50_000; i++) lines.Append(i).Append(",x,").Append(i % 7).Append('\n');
        lines.Append("1,2\n");
        var file = folder.Write("late-ragged.csv", lines.ToString());
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("ragged", error.Message);
        Assert.Equal(50_002, error.Line);
    }

    [Fact]
    public void Not_utf8_far_down_the_file()
    {
        using var folder = new TempFolder();
        var lines = new StringBuilder("city,n\n");
        for (var i = 0; i < 20_000; i++) lines.Append("Osaka,").Append(i).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(lines.ToString()).Concat(new byte[] { 0x93, 0x8C, 0x2C, 0x31, 0x0A }).ToArray();
        var file = folder.WriteBytes("late-sjis.csv", bytes);
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void Binary_file()
    {
        using var folder = new TempFolder();
        var file = folder.WriteBytes("image.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("binary", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Not_utf8_names_the_line()
    {
        using var folder = new TempFolder();
        var shiftJis = new byte[] { 0x93, 0x8C, 0x8B, 0x9E }; // 東京 in Shift_JIS
        var bytes = Encoding.ASCII.GetBytes("city,n\nOsaka,1\n").Concat(shiftJis).Concat(Encoding.ASCII.GetBytes(",2\n")).ToArray();
        var file = folder.WriteBytes("sjis.csv", bytes);
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("UTF-8", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Missing_target_column_lists_the_columns()
    {
        using var folder = new TempFolder();
        var file = folder.Write("d.csv", "a,b\n1,2\n");
        var error = Assert.Throws<InputException>(() => DataSource.Open(file, target: "churn"));
        Assert.Contains("'churn' does not exist", error.Message);
        Assert.Contains("a, b", error.Message);
    }

    [Fact]
    public void Target_that_is_entirely_missing()
    {
        using var folder = new TempFolder();
        var file = folder.Write("d.csv", "a,label\n1,\n2,\n3,\n");
        var error = Assert.Throws<InputException>(() => DataSource.Open(file, target: "label"));
        Assert.Contains("empty in every row", error.Message);
    }

    [Fact]
    public void No_such_file()
    {
        var error = Assert.Throws<InputException>(() => DataSource.Open("/nonexistent/data.csv"));
        Assert.Contains("no such file", error.Message);
    }

    [Fact]
    public void File_that_disappears_while_reading()
    {
        using var folder = new TempFolder();
        var file = folder.Write("gone.csv", "a,b\n1,2\n3,4\n");
        using var source = DataSource.Open(file, options: new SourceOptions(Materialize: false));
        File.Delete(file);
        var error = Assert.Throws<InputException>(() => source.ReadRows().ToList());
        Assert.Contains("could not be read", error.Message);
        Assert.Equal(Path.GetFullPath(file), error.File);
    }

    [Fact]
    public void Parquet_extension_on_a_text_file()
    {
        using var folder = new TempFolder();
        var file = folder.Write("fake.parquet", "a,b\n1,2\n");
        var error = Assert.Throws<InputException>(() => DataSource.Open(file));
        Assert.Contains("not a Parquet file", error.Message);
    }
}
