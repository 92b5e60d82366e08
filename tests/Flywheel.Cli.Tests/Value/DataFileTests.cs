namespace Flywheel.Cli.Tests.Value;

/// <summary>A data file where a use-case folder belongs: every verb says what the file is and what it wants instead.</summary>
public class DataFileTests
{
    [Theory]
    [InlineData("value")]
    [InlineData("report")]
    [InlineData("train")]
    [InlineData("run")]
    [InlineData("plan")]
    [InlineData("evaluate")]
    public void A_verb_pointed_at_a_csv_says_it_is_a_data_file(string verb)
    {
        var outcome = CliProcess.Run(verb, "samples/churn/data/mlc_churn.csv");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("error: samples/churn/data/mlc_churn.csv: this is a data file, not a use case; point the command at a use-case folder (the one holding flywheel.yaml), whose 'data.source' names this file\n", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void Any_other_file_that_is_not_yaml_is_not_read_as_yaml()
    {
        var outcome = CliProcess.Run("value", "README.md");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("README.md: this is not a use-case file; point the command at a use-case folder", outcome.Stderr);
        Assert.DoesNotContain("YAML", outcome.Stderr);
    }

    [Fact]
    public void The_data_commands_still_take_a_data_file()
    {
        var outcome = CliProcess.Run("data", "profile", "samples/churn/data/mlc_churn.csv", "--json");
        Assert.Equal(0, outcome.ExitCode);
    }
}
