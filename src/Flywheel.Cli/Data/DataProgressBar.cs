using Flywheel.Data.Sources;
using Spectre.Console;

namespace Flywheel.Cli.Data;

/// <summary>Runs data work under a progress bar on stderr, so stdout stays clean for tables or JSON.</summary>
internal static class DataProgressBar
{
    public static T Run<T>(string title, Func<IProgress<DataProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var result = default(T)!;
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask(title, maxValue: 1);
            result = work(new SynchronousProgress(step =>
            {
                task.Description = $"{title}: {step.Stage}";
                task.Value = step.Fraction;
            }));
            task.Value = 1;
        });
        return result;
    }

    // Progress<T> posts to the thread pool; the bar must see each step before the next one starts.
    private sealed class SynchronousProgress(Action<DataProgress> report) : IProgress<DataProgress>
    {
        public void Report(DataProgress value) => report(value);
    }
}
