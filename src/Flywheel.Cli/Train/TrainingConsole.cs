using Flywheel.Training.Search;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Train;

/// <summary>Runs the train workflow behind a Spectre.Console progress display on stderr: stages, trials and the best so far.</summary>
internal static class TrainingConsole
{
    public static TrainOutcome Train(UseCase useCase, TrainRequest request, bool quiet, CancellationToken cancellation) =>
        Run(progress => TrainWorkflow.Run(useCase, request, progress, cancellation), quiet);

    /// <summary>Runs <paramref name="work"/> (a training, a retrain) behind the progress display, or silently when quiet.</summary>
    public static T Run<T>(Func<IProgress<WorkflowProgress>?, T> work, bool quiet) where T : class
    {
        if (quiet || !CliConsole.ShowsProgress) return work(null);

        T? outcome = null;
        CliConsole.Error().Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var stage = context.AddTask("preparing", maxValue: 1);
                ProgressTask? search = null;
                outcome = work(new ForwardProgress<WorkflowProgress>(update =>
                {
                    if (update.Search is { } progress)
                    {
                        search ??= context.AddTask("search", maxValue: progress.Budget.TotalSeconds);
                        search.Value = Math.Min(progress.Elapsed.TotalSeconds, progress.Budget.TotalSeconds);
                        search.Description = Markup.Escape(Describe(progress));
                        return;
                    }
                    if (search is not null && update.Stage != "search") search.Value = search.MaxValue;
                    stage.Description = Markup.Escape($"{update.Stage}: {update.Message}");
                }));
                stage.Value = 1;
                stage.Description = "done";
            });
        return outcome!;
    }

    private static string Describe(SearchProgress progress) => progress.Best is { } best
        ? $"trial {progress.TrialsDone}: best {progress.ObjectiveName} {best.Objective:G5} ({best.Trainer}, trial {best.Number})"
        : $"trial {progress.TrialsDone}";
}
