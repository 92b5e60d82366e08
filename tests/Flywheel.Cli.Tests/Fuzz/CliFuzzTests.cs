namespace Flywheel.Cli.Tests.Fuzz;

/// <summary>Bad options and -o targets through the real host: exit 2 and a one-line error on stderr, nothing written.</summary>
[Trait("Category", "Fuzz")]
public sealed class CliFuzzTests : IDisposable
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("flywheel-cli-fuzz-").FullName;
    private static readonly string Penguins = CliProcess.Repo("samples/penguins/data/penguins.csv");

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(Folder)) File.Delete(file);
    }

    /// <summary>Name, arguments ({dir} is a scratch folder, {csv} the penguins data), exit code, message fragment.</summary>
    public static TheoryData<string, string[], int, string> Cases => new()
    {
        { "--target-roi NaN", ["value", "samples/churn-value", "--seek", "churn_after", "--target-roi", "NaN"], 2, "--target-roi must be a finite number" },
        { "--target-roi Infinity", ["value", "samples/churn-value", "--seek", "churn_after", "--target-roi", "Infinity"], 2, "must be a finite number" },
        { "--target-roi -Infinity on report", ["report", "samples/churn-value", "--seek", "churn_after", "--target-roi", "-Infinity", "-o", "{dir}/r.html"], 2, "must be a finite number" },
        { "--budget 1e308s", ["train", "samples/penguins", "--budget", "1e308s"], 2, "at most 30 days" },
        { "--budget 0s", ["train", "samples/penguins", "--budget", "0s"], 2, "--budget must be a duration" },
        { "--budget soon", ["train", "samples/penguins", "--budget", "soon"], 2, "--budget must be a duration" },
        { "--max-trials 0", ["train", "samples/penguins", "--max-trials", "0"], 2, "--max-trials must be a whole number from 1 to 1,000,000, not 0" },
        { "--max-trials -1", ["train", "samples/penguins", "--max-trials", "-1"], 2, "not -1" },
        { "--max-trials 99999999999", ["train", "samples/penguins", "--max-trials", "99999999999"], 2, "99999999999" },
        { "--max-trials 0 on run", ["run", "samples/penguins", "--max-trials", "0"], 2, "--max-trials must be a whole number" },
        { "--batch-size 0 on predict", ["predict", "samples/penguins", "{csv}", "-o", "{dir}/p.csv", "--batch-size", "0"], 2, "--batch-size must be a whole number" },
        { "report -o onto a directory", ["report", "samples/churn-value", "-o", "{dir}"], 2, "this is a directory" },
        { "report -o onto its own flywheel.yaml", ["report", "samples/churn-value", "-o", "samples/churn-value/flywheel.yaml"], 2, "this is the input file" },
        { "data profile -o onto a directory", ["data", "profile", "{csv}", "-o", "{dir}"], 2, "this is a directory" },
        { "data profile -o onto the data file", ["data", "profile", "{csv}", "-o", "{csv}"], 2, "this is the input file" },
        { "data diagnose -o onto the use case's data", ["data", "diagnose", "samples/penguins", "-o", "{csv}"], 2, "this is the input file" },
        { "data profile --json with -o -", ["data", "profile", "{csv}", "--json", "-o", "-"], 2, "both write to standard output" },
        { "data split -o onto the data file", ["data", "split", "{csv}", "-t", "species", "-o", "{csv}"], 2, "this is the input file" },
        { "data split -o onto a directory", ["data", "split", "{csv}", "-t", "species", "-o", "{dir}"], 2, "this is a directory" },
        { "run -o onto a file", ["run", "samples/penguins", "-o", "{csv}"], 2, "this command writes several files and needs a folder" },
        { "run -o -", ["run", "samples/penguins", "-o", "-"], 2, "give a folder, not -" },
        { "a data.source outside the folder", ["data", "profile", "{dir}/usecase"], 2, "outside the use-case folder" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exits_2_with_a_clear_error(string name, string[] args, int exit, string fragment)
    {
        if (name == "a data.source outside the folder")
        {
            Directory.CreateDirectory(Path.Combine(Folder, "usecase"));
            File.WriteAllText(Path.Combine(Folder, "usecase", "flywheel.yaml"), $"name: x\nstatement: s\ndata:\n  source: {Penguins}\n  target: species\n");
        }
        var outcome = CliProcess.Run(args.Select(arg => arg.Replace("{dir}", Folder, StringComparison.Ordinal).Replace("{csv}", Penguins, StringComparison.Ordinal)).ToArray());
        Assert.True(outcome.ExitCode == exit, $"exit {outcome.ExitCode}: {outcome.Stderr}");
        Assert.Contains(fragment, outcome.Stderr);
        Assert.DoesNotContain("   at ", outcome.Stderr);
        Assert.False(File.Exists(Path.Combine(Folder, "r.html")));
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp"));
    }

    [Fact]
    public void A_data_root_lets_the_outside_source_through()
    {
        var usecase = Directory.CreateDirectory(Path.Combine(Folder, "rooted")).FullName;
        File.WriteAllText(Path.Combine(usecase, "flywheel.yaml"), $"name: x\nstatement: s\ndata:\n  source: {Penguins}\n  target: species\n");
        var outcome = CliProcess.Run("data", "profile", usecase, "--json", "--data-root", Path.GetDirectoryName(Penguins)!);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("\"rows\"", outcome.Stdout);
    }

    [Fact]
    public void Report_to_dash_writes_html_on_stdout_and_the_note_on_stderr()
    {
        var outcome = CliProcess.Run("report", "samples/churn-value", "-o", "-");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.StartsWith("<!DOCTYPE html>", outcome.Stdout.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("stdout", outcome.Stderr);
    }

    [Fact]
    public void Data_split_to_dev_null_leaves_it_a_device()
    {
        var outcome = CliProcess.Run("data", "split", Penguins, "-t", "species", "-o", "/dev/null");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.True((File.GetAttributes("/dev/null") & FileAttributes.Directory) == 0);
        Assert.False(File.Exists("/dev/.null.tmp"));
    }
}
