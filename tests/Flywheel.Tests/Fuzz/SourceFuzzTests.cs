using System.Text;
using Flywheel.Data.Diagnosis;
using Flywheel.Data.Sources;
using Flywheel.UseCases;

namespace Flywheel.Tests.Fuzz;

/// <summary>Bad data files and sources: each refused with its line, never echoing what the file holds.</summary>
[Trait("Category", "Fuzz")]
public sealed class SourceFuzzTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Name, file bytes, message fragment, line.</summary>
    public static TheoryData<string, byte[], string, int?> Files => new()
    {
        { "empty file", [], "the file is empty", null },
        { "header only", "a,b\n"u8.ToArray(), "no data rows", 2 },
        { "NUL byte", "a,b\n1,\02\n"u8.ToArray(), "binary file", 2 },
        { "Latin-1 byte on line 3", [.. "a,b\n1,x\n2,caf"u8, 0xE9, .. "\n"u8], "not valid UTF-8", 3 },
        { "Shift_JIS header", [0x83, 0x65, 0x83, 0x58, 0x83, 0x67, .. ",b\n1,2\n"u8], "not valid UTF-8", 1 },
        { "a Parquet file named .csv", [.. "PAR1"u8, 0, 0, 0, 0], "this is a Parquet file", null },
        { "ragged row", "a,b,c\n1,2,3\n4,5\n6,7,8\n"u8.ToArray(), "ragged row", 3 },
        { "10 MB field on line 3", [.. "a,b\n1,x\n2,"u8, .. Enumerable.Repeat((byte)'y', 10_000_000), .. "\n3,z\n"u8], "longer than the 2,000,000 a row may have", 3 },
        { "3 MB line without delimiters on line 2", [.. "a,b\n"u8, .. Enumerable.Repeat((byte)'q', 3_000_000), .. "\n1,2\n"u8], "longer than the 2,000,000", 2 },
        { "one column of secrets", "root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n"u8.ToArray(), "", null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_bad_file_is_refused_at_its_line(string name, byte[] bytes, string fragment, int? line)
    {
        var path = Path.Combine(_folder, "data.csv");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InputException>(() => DataAnalysis.Diagnose(path, name == "one column of secrets" ? "y" : null));
        Assert.Contains(fragment, error.Message);
        if (line is not null) Assert.Equal(line, error.Line);
        Assert.DoesNotContain("$6$", error.Message);
        Assert.DoesNotContain("yyyyyyyyyy", error.Message);
    }

    [Fact]
    public void A_missing_column_lists_at_most_twenty_clipped_names()
    {
        var path = Path.Combine(_folder, "wide.csv");
        var names = Enumerable.Range(0, 30).Select(i => $"column_{i}_" + new string('x', 60)).ToList();
        File.WriteAllText(path, string.Join(",", names) + "\n" + string.Join(",", names.Select((_, i) => i)) + "\n");
        var error = Assert.Throws<InputException>(() => DataAnalysis.Profile(path, "nope"));
        Assert.Contains("and 10 more", error.Message);
        Assert.DoesNotContain(names[0], error.Message);
        Assert.Contains(names[0][..40] + "…", error.Message);
    }

    private string UseCase(string source)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "usecase")).FullName;
        File.WriteAllText(Path.Combine(folder, "flywheel.yaml"), $"name: x\nstatement: s\ndata:\n  source: {source}\n  target: b\n");
        return folder;
    }

    private string Outside()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_folder, "outside")).FullName;
        var file = Path.Combine(outside, "data.csv");
        File.WriteAllText(file, "a,b\n1,x\n2,y\n3,x\n");
        return file;
    }

    [Fact]
    public void A_source_outside_the_folder_is_refused_at_the_source_line()
    {
        var folder = UseCase(Outside());
        var error = Assert.Throws<InputException>(() => DataAnalysis.Profile(folder));
        Assert.Contains("outside the use-case folder", error.Message);
        Assert.Contains("--data-root", error.Message);
        Assert.Equal((4, 11), (error.Line, error.Column));
        Assert.EndsWith("flywheel.yaml", error.File);
    }

    [Fact]
    public void A_relative_source_climbing_out_is_refused()
    {
        Outside();
        var error = Assert.Throws<InputException>(() => DataAnalysis.Profile(UseCase("../outside/data.csv")));
        Assert.Contains("outside the use-case folder", error.Message);
    }

    [Fact]
    public void A_symlink_inside_the_folder_to_a_file_outside_is_refused()
    {
        var outside = Outside();
        var folder = UseCase("data/link.csv");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.CreateSymbolicLink(Path.Combine(folder, "data", "link.csv"), outside);
        var error = Assert.Throws<InputException>(() => DataAnalysis.Profile(folder));
        Assert.Contains($"resolves to {outside}", error.Message);
    }

    [Fact]
    public void A_linked_folder_inside_the_use_case_pointing_out_is_refused()
    {
        var outside = Outside();
        var folder = UseCase("data/data.csv");
        Directory.CreateSymbolicLink(Path.Combine(folder, "data"), Path.GetDirectoryName(outside)!);
        Assert.Throws<InputException>(() => DataAnalysis.Profile(folder));
    }

    [Fact]
    public void A_data_root_allows_a_source_outside_the_folder()
    {
        var outside = Outside();
        var profile = DataAnalysis.Profile(UseCase(outside), useCase: new UseCaseOptions([Path.GetDirectoryName(outside)!]));
        Assert.Equal(3, profile.Rows);
    }

    [Fact]
    public void A_data_root_does_not_allow_its_sibling_with_a_shared_prefix()
    {
        var outside = Outside();
        var error = Assert.Throws<InputException>(() => DataAnalysis.Profile(UseCase(outside), useCase: new UseCaseOptions([Path.GetDirectoryName(outside)! + "-not"])));
        Assert.Contains("the data roots are", error.Message);
    }

    [Fact]
    public void Etc_shadow_as_a_source_is_refused_before_it_is_read()
    {
        var error = Assert.Throws<InputException>(() => DataAnalysis.Profile(UseCase("/etc/shadow")));
        Assert.Contains("outside the use-case folder", error.Message);
    }

    [Fact]
    public void A_file_named_on_the_command_line_is_the_users_to_read()
    {
        var profile = DataAnalysis.Profile(Outside());
        Assert.Equal(2, profile.Columns.Count);
    }

    [Fact]
    public void A_source_inside_the_folder_is_allowed_without_roots()
    {
        var folder = UseCase("data.csv");
        File.Copy(Outside(), Path.Combine(folder, "data.csv"));
        Assert.Equal(3, DataAnalysis.Profile(folder).Rows);
    }
}
