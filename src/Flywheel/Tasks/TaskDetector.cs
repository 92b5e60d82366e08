using System.Globalization;
using Flywheel.UseCases;

namespace Flywheel.Tasks;

/// <summary>The task chosen for a target, and why, so the CLI can tell the user.</summary>
public sealed record TaskDetection(MlTask Task, string Reason);

/// <summary>
/// What detection reads off a target: its distinct present values, whether the column is numeric (its kind as read,
/// not whether its text looks like numbers), and whether every value is a whole number of at most
/// <see cref="TaskDetector.MaxIntegerMagnitude"/>. Profiling computes it in SQL, training from the rows in memory.
/// </summary>
public sealed record TargetSummary(long Distinct, bool Numeric, bool SmallIntegers)
{
    public static TargetSummary OfNumbers(IEnumerable<double> values)
    {
        var distinct = new HashSet<double>();
        var small = true;
        foreach (var value in values)
        {
            if (double.IsNaN(value)) continue;
            distinct.Add(value);
            small &= TaskDetector.IsSmallInteger(value);
        }
        return new TargetSummary(distinct.Count, true, small);
    }

    public static TargetSummary OfTexts(IEnumerable<string?> values) =>
        new(values.Where(value => !string.IsNullOrEmpty(value)).Distinct(StringComparer.Ordinal).Count(), false, false);
}

/// <summary>
/// Decides the task from the target, the same way for <c>data profile</c>, training and every later stage: two
/// distinct values → binary; up to <see cref="MaxTextClasses"/> distinct values in a non-numeric column → multiclass;
/// up to <see cref="MaxIntegerClasses"/> distinct small whole numbers → multiclass; otherwise numeric → regression.
/// <c>training.task</c> overrides.
/// </summary>
public static class TaskDetector
{
    /// <summary>At most this many distinct small integers are read as classes rather than a number.</summary>
    public const int MaxIntegerClasses = 10;

    /// <summary>At most this many distinct text values are read as classes.</summary>
    public const int MaxTextClasses = 50;

    /// <summary>A whole number at most this far from 0 may be a class code.</summary>
    public const double MaxIntegerMagnitude = 1000;

    public static bool IsSmallInteger(double value) => value == Math.Floor(value) && Math.Abs(value) <= MaxIntegerMagnitude;

    /// <summary>The task, or an <see cref="InputException"/> when the target cannot be learned (constant, too many text classes).</summary>
    public static TaskDetection Detect(TargetSummary target, string targetName, TrainingSection? training = null)
    {
        var (detection, error) = Decide(target, targetName, training);
        return detection ?? throw new InputException(error!);
    }

    /// <summary>As <see cref="Detect"/>, but null where it would fail on the data (a profile describes such targets anyway).</summary>
    public static TaskDetection? TryDetect(TargetSummary target, string targetName, TrainingSection? training = null) =>
        Decide(target, targetName, training).Detection;

    private static (TaskDetection? Detection, string? Error) Decide(TargetSummary target, string name, TrainingSection? training)
    {
        if (training is not null && !string.Equals(training.Task, "auto", StringComparison.OrdinalIgnoreCase))
        {
            var forced = MlTasks.Parse(training.Task)
                ?? throw training.Position.Error($"'training.task' must be auto, binary, multiclass or regression, not '{training.Task}'");
            return (new TaskDetection(forced, $"set by training.task: {training.Task}"), null);
        }
        var count = target.Distinct.ToString(CultureInfo.InvariantCulture);
        if (target.Distinct < 2)
            return (null, $"the target column '{name}' has {count} distinct value(s); a model needs at least two to learn from");
        if (target.Distinct == 2)
            return (new TaskDetection(MlTask.Binary, $"'{name}' has two distinct values"), null);
        if (!target.Numeric)
        {
            return target.Distinct <= MaxTextClasses
                ? (new TaskDetection(MlTask.Multiclass, $"'{name}' has {count} distinct text values"), null)
                : (null, $"the target column '{name}' is text with {count} distinct values; set training.task, or pick a target with at most {MaxTextClasses} classes");
        }
        if (target.SmallIntegers && target.Distinct <= MaxIntegerClasses)
            return (new TaskDetection(MlTask.Multiclass, $"'{name}' has {count} distinct small whole numbers"), null);
        return (new TaskDetection(MlTask.Regression, $"'{name}' is numeric with {count} distinct values"), null);
    }
}
