using System.Globalization;
using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;
using Flywheel.Tasks;

namespace Flywheel.Reports;

/// <summary>One-line descriptions of profiled columns and targets, shared by the CLI tables and the HTML report.</summary>
public static class DataReportText
{
    public static string Number(double value) => NumberText.Number(value);

    public static string Summary(ColumnProfile column) => column switch
    {
        { Numbers: { } n } => $"min {Number(n.Min)} · median {Number(n.Median)} · mean {Number(n.Mean)} · max {Number(n.Max)}" + (n.Std is { } std ? $" · std {Number(std)}" : ""),
        { Kind: ColumnKind.Text, Lengths: { } lengths } => $"length {lengths.Min}–{lengths.Max}, mean {Number(lengths.Mean)}",
        { Dates: { } dates } => $"{dates.Min} … {dates.Max}",
        { TopValues: { Count: > 0 } top } => string.Join(", ", top.Take(3).Select(value => $"{value.Value} ({DiagnosisContext.Percent((double)value.Count / Math.Max(1, column.Present))})")),
        _ => "",
    };

    /// <summary>"target churn (binary, positive 'yes'): no 4,293 (86%), yes 707 (14%)" — the task as training will choose it.</summary>
    public static string Target(TargetProfile target) => target switch
    {
        { IsClassification: true, Classes: { } classes } =>
            $"target {target.Name}{Task(target)}: " + string.Join(", ", classes.Select(value => $"{value.Value} {value.Count:N0} ({DiagnosisContext.Percent((double)value.Count / Math.Max(1, classes.Sum(c => c.Count)))})")),
        _ => $"target {target.Name}: numeric (regression)",
    };

    private static string Task(TargetProfile target) => target switch
    {
        { Task: { } task, Positive: { } positive } => $" ({task.Name()}, positive '{positive}')",
        { Task: { } task } => $" ({task.Name()})",
        _ => "",
    };
}
