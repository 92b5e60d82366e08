using System.CommandLine;
using Flywheel.Storage;

namespace Flywheel.Cli;

/// <summary>
/// The <c>-o</c> of every command: one <see cref="OutputTarget"/> resolved before any work starts, so a directory, the
/// input file itself or a mistyped path fails at once with exit 2; <c>-</c> is standard output.
/// </summary>
internal static class CliOutput
{
    public static OutputTarget Target(string path, params IEnumerable<string?> inputs) =>
        OutputTarget.Parse(path, Console.OpenStandardOutput, inputs);

    /// <summary>Where to tell the user what was written: stderr when the output itself goes to stdout.</summary>
    public static TextWriter Messages(OutputTarget? target) => target is { IsStream: true } ? Console.Error : Console.Out;
}

/// <summary>Checks on option values that the parser's types alone do not catch; a failure is a parse error (exit 2).</summary>
internal static class OptionChecks
{
    /// <summary>Largest trial count accepted: far beyond any time budget, small enough never to overflow a counter.</summary>
    public const int MaxTrials = 1_000_000;

    /// <summary>Largest batch of rows scored together.</summary>
    public const int MaxBatchSize = 1_000_000;

    public static Option<double?> Finite(this Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (Value<double?>(result) is double value && !double.IsFinite(value))
                result.AddError($"{option.Name} must be a finite number, not {value}");
        });
        return option;
    }

    public static Option<int?> Count(this Option<int?> option, int max)
    {
        option.Validators.Add(result =>
        {
            if (Value<int?>(result) is int value && (value < 1 || value > max))
                result.AddError($"{option.Name} must be a whole number from 1 to {max:N0}, not {value}");
        });
        return option;
    }

    public static Option<int> Count(this Option<int> option, int max)
    {
        option.Validators.Add(result =>
        {
            if (Value<int?>(result) is int value && (value < 1 || value > max)) result.AddError($"{option.Name} must be a whole number from 1 to {max:N0}, not {value}");
        });
        return option;
    }

    // A value the parser could not read at all (99999999999 for an int) is already a parse error of its own.
    private static T? Value<T>(System.CommandLine.Parsing.OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }
}
