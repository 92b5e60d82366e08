using System.Globalization;
using Flywheel.UseCases;

namespace Flywheel.Training;

/// <summary>The task chosen for a target, and why, so the CLI can tell the user.</summary>
public sealed record TaskDetection(MlTask Task, string Reason);

/// <summary>
/// Decides the task from the target's values: two distinct values → binary; a few distinct non-numeric or
/// small-integer values → multiclass; otherwise numeric → regression. <c>training.task</c> overrides.
/// </summary>
public static class TaskDetector
{
    /// <summary>At most this many distinct small integers are read as classes rather than a number.</summary>
    public const int MaxIntegerClasses = 10;

    /// <summary>At most this many distinct text values are read as classes.</summary>
    public const int MaxTextClasses = 50;

    public static TaskDetection Detect(IEnumerable<string?> targetValues, string targetName, TrainingSection? training = null)
    {
        if (training is not null && !string.Equals(training.Task, "auto", StringComparison.OrdinalIgnoreCase))
        {
            var forced = MlTaskNames.Parse(training.Task)
                ?? throw training.Position.Error($"'training.task' must be auto, binary, multiclass or regression, not '{training.Task}'");
            return new TaskDetection(forced, $"set by training.task: {training.Task}");
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var allNumeric = true;
        var allSmallIntegers = true;
        foreach (var raw in targetValues)
        {
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var value = raw.Trim();
            distinct.Add(value);
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                allNumeric = false;
                allSmallIntegers = false;
            }
            else if (number != Math.Floor(number) || Math.Abs(number) > 1000)
            {
                allSmallIntegers = false;
            }
        }

        if (distinct.Count < 2)
            throw new InputException($"the target column '{targetName}' has {distinct.Count} distinct value(s); a model needs at least two to learn from");
        if (distinct.Count == 2)
            return new TaskDetection(MlTask.BinaryClassification, $"'{targetName}' has two distinct values");
        if (!allNumeric)
        {
            return distinct.Count <= MaxTextClasses
                ? new TaskDetection(MlTask.MulticlassClassification, $"'{targetName}' has {distinct.Count} distinct text values")
                : throw new InputException($"the target column '{targetName}' is text with {distinct.Count} distinct values; set training.task, or pick a target with at most {MaxTextClasses} classes");
        }
        if (allSmallIntegers && distinct.Count <= MaxIntegerClasses)
            return new TaskDetection(MlTask.MulticlassClassification, $"'{targetName}' has {distinct.Count} distinct small whole numbers");
        return new TaskDetection(MlTask.Regression, $"'{targetName}' is numeric with {distinct.Count} distinct values");
    }
}
