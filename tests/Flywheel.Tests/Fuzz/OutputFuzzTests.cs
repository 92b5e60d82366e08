using System.Diagnostics;
using System.Text;
using Flywheel.Serving;
using Flywheel.Storage;

namespace Flywheel.Tests.Fuzz;

/// <summary>Where -o may point: devices, FIFOs, links, directories, the input itself, a killed write's leftovers.</summary>
[Trait("Category", "Fuzz")]
public sealed class OutputFuzzTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flywheel-fuzz-out-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string In(string name) => Path.Combine(_folder, name);

    [Fact]
    public void Dev_null_is_written_through_and_stays_a_device()
    {
        AtomicFile.WriteAllText("/dev/null", "scored rows");
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [Fact]
    public async Task A_fifo_is_written_through_to_its_reader()
    {
        var fifo = In("pipe");
        Process.Start("mkfifo", fifo)!.WaitForExit();
        var reader = Task.Run(() => File.ReadAllText(fifo));
        AtomicFile.WriteAllText(fifo, "row,split\n1,train\n");
        Assert.Equal("row,split\n1,train\n", await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FileKind.Special, FileKinds.Of(fifo));
    }

    [Fact]
    public void A_directory_is_refused()
    {
        var error = Assert.Throws<InputException>(() => OutputTarget.File(_folder));
        Assert.Contains("this is a directory", error.Message);
        Assert.Throws<InputException>(() => AtomicFile.WriteAllText(_folder, "x"));
    }

    [Fact]
    public void The_input_file_is_refused_even_through_a_link()
    {
        var input = In("input.csv");
        File.WriteAllText(input, "a\n1\n");
        File.CreateSymbolicLink(In("alias.csv"), input);
        Assert.Contains("this is the input file", Assert.Throws<InputException>(() => OutputTarget.File(input, input)).Message);
        Assert.Contains("this is the input file", Assert.Throws<InputException>(() => OutputTarget.File(In("alias.csv"), input)).Message);
        Assert.Equal("a\n1\n", File.ReadAllText(input));
    }

    [Fact]
    public void A_symlink_writes_its_target_and_stays_a_link()
    {
        File.WriteAllText(In("real.csv"), "old");
        File.CreateSymbolicLink(In("link.csv"), "real.csv");
        AtomicFile.WriteAllText(In("link.csv"), "new");
        Assert.Equal("real.csv", new FileInfo(In("link.csv")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(In("real.csv")));
    }

    [Fact]
    public void A_dangling_symlink_creates_its_target()
    {
        File.CreateSymbolicLink(In("dangling.csv"), "later.csv");
        AtomicFile.WriteAllText(In("dangling.csv"), "made");
        Assert.Equal("made", File.ReadAllText(In("later.csv")));
        Assert.NotNull(new FileInfo(In("dangling.csv")).LinkTarget);
    }

    [Fact]
    public void A_symlink_loop_is_refused()
    {
        File.CreateSymbolicLink(In("a.csv"), "b.csv");
        File.CreateSymbolicLink(In("b.csv"), "a.csv");
        Assert.Contains("loop", Assert.Throws<InputException>(() => AtomicFile.WriteAllText(In("a.csv"), "x")).Message);
    }

    [Fact]
    public void An_existing_file_keeps_its_permissions()
    {
        if (!OperatingSystem.IsLinux()) return;
        File.WriteAllText(In("report.html"), "old");
        File.SetUnixFileMode(In("report.html"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        AtomicFile.WriteAllText(In("report.html"), "new");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(In("report.html")));
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        File.WriteAllText(In("out.csv"), "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(In("out.csv"), stream =>
        {
            stream.Write("half"u8);
            throw new InvalidOperationException("crash mid-write");
        }));
        Assert.Equal("old", File.ReadAllText(In("out.csv")));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Leftovers_of_a_killed_write_are_removed_by_the_next_write()
    {
        var leftover = In($".out.csv.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(leftover, "half a file");
        var unrelated = In(".other.csv.0123.tmp");
        File.WriteAllText(unrelated, "not ours");
        AtomicFile.WriteAllText(In("out.csv"), "whole");
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
        Assert.Equal("whole", File.ReadAllText(In("out.csv")));
    }

    [Fact]
    public void A_temporary_held_by_a_live_write_is_not_removed()
    {
        var live = In($".out.csv.{Guid.NewGuid():N}.tmp");
        using (var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            AtomicFile.WriteAllText(In("out.csv"), "whole");
            Assert.True(File.Exists(live));
        }
    }

    [Fact]
    public void Dash_writes_to_the_stream_the_host_gives_and_leaves_it_open()
    {
        var stdout = new MemoryStream();
        var target = OutputTarget.Parse("-", () => stdout);
        target.WriteAllText("to stdout");
        Assert.True(target.IsStream);
        Assert.Equal("to stdout", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.True(stdout.CanWrite);
    }

    [Fact]
    public void A_folder_output_refuses_a_file_and_dash()
    {
        File.WriteAllText(In("file.html"), "");
        Assert.Contains("needs a folder", Assert.Throws<InputException>(() => OutputTarget.Folder(In("file.html"))).Message);
        Assert.Contains("give a folder", Assert.Throws<InputException>(() => OutputTarget.Folder("-")).Message);
        Assert.Equal(In("new-folder"), OutputTarget.Folder(In("new-folder")));
    }

    [Fact]
    public void An_empty_output_path_is_refused() =>
        Assert.Contains("empty", Assert.Throws<InputException>(() => OutputTarget.File("  ")).Message);

    [Fact]
    public void Predict_input_that_is_not_utf8_names_the_line()
    {
        var path = In("latin1.csv");
        File.WriteAllBytes(path, [.. "a,b\n1,x\n2,caf"u8, 0xE9, .. "\n"u8]);
        using var text = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var reader = new CsvRecordReader(text, path);
        var error = Assert.Throws<InputException>(() => reader.Records().ToList());
        Assert.Contains("not valid UTF-8", error.Message);
        Assert.Equal((3, 6), (error.Line, error.Column));
    }

    [Fact]
    public void Predict_input_with_a_bad_byte_past_the_first_block_names_its_line()
    {
        var path = In("late.csv");
        var rows = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},x\n"));
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("a,b\n" + rows), .. "9,"u8, 0xFF, .. "\n"u8]);
        using var text = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var error = Assert.Throws<InputException>(() => new CsvRecordReader(text, path).Records().ToList());
        Assert.Equal(20_002, error.Line);
    }
}
