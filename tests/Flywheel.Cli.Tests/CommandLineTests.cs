namespace Flywheel.Cli.Tests;

public class CommandLineTests
{
    [Fact]
    public void Help_names_the_tool_as_users_type_it()
    {
        var outcome = CliProcess.Run("--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("flywheel [command] [options]", outcome.Stdout);
        Assert.DoesNotContain("Flywheel.Cli", outcome.Stdout);
    }

    [Fact]
    public void A_mistyped_command_line_is_bad_input_with_exit_code_2_and_a_pointer_to_help()
    {
        var outcome = CliProcess.Run("models", "alias", "churn@1");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Required argument 'ALIAS' missing", outcome.Stderr);
        Assert.Contains("see 'flywheel models alias --help'", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }
}
