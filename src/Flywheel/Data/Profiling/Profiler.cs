using Flywheel.Data.Sources;
using Flywheel.Tasks;
using Flywheel.Telemetry;
using Microsoft.Extensions.Logging;

namespace Flywheel.Data.Profiling;

/// <summary>
/// Profiles an opened source entirely in DuckDB SQL: only aggregates come back to .NET, never rows, so it stays
/// fast on files larger than memory.
/// </summary>
public static class Profiler
{
    /// <summary>Profiles the source; the source's cancellation token interrupts the running query and stops between steps.</summary>
    public static DataProfile Profile(DataSource source, ProfileOptions? options = null, IProgress<DataProgress>? progress = null)
    {
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Profile, "flywheel.file", source.FilePath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var profile = Run(source, options ?? ProfileOptions.Default, Checked(progress, source.Cancellation));
            source.Logger.LogInformation("profiled {Columns} columns of {File} in {Seconds:0.00} s", profile.Columns.Count, source.FilePath, clock.Elapsed.TotalSeconds);
            return profile;
        }
        catch (Exception error)
        {
            FlywheelTelemetry.Fail(activity, error);
            throw;
        }
    }

    // Each step reports progress before it starts: the report is where a cancelled token stops the profile.
    private static IProgress<DataProgress> Checked(IProgress<DataProgress>? progress, CancellationToken cancellation) =>
        new CheckedProgress(progress, cancellation);

    private sealed class CheckedProgress(IProgress<DataProgress>? inner, CancellationToken cancellation) : IProgress<DataProgress>
    {
        public void Report(DataProgress value)
        {
            cancellation.ThrowIfCancellationRequested();
            inner?.Report(value);
        }
    }

    private static DataProfile Run(DataSource source, ProfileOptions options, IProgress<DataProgress> progress)
    {
        progress.Report(new DataProgress("summarizing columns", 0));
        var summaries = ColumnSummaries.Compute(source);

        progress.Report(new DataProgress("quartiles, outliers and histograms", 0.2));
        var quantiles = ExactQuantiles.Compute(source, summaries.Where(summary => summary.Numbers is not null).Select(summary => (summary.Column, summary.Numbers!, summary.Present)).ToList(), options.Bins);
        summaries = summaries.Select(summary => quantiles.TryGetValue(summary.Column.Name, out var q)
            ? summary with { Numbers = summary.Numbers! with { Q1 = q.Q1, Median = q.Median, Q3 = q.Q3, BelowFence = q.Below, AboveFence = q.Above, AtMedian = q.AtMedian } }
            : summary).ToList();

        progress.Report(new DataProgress("histograms and top values", 0.35));
        var columns = ColumnDistributions.Compute(source, summaries, quantiles.ToDictionary(pair => pair.Key, pair => pair.Value.Histogram), options);

        progress.Report(new DataProgress("duplicate rows", 0.55));
        var duplicates = Distributions.DuplicateRows(source);

        progress.Report(new DataProgress("associations", 0.65));
        var roles = new AnalysisRoles(source, columns, options);
        var associations = AssociationProfiler.Compute(source, roles, options);

        progress.Report(new DataProgress("target", 0.9));
        var target = roles.Target is null ? null : TargetProfiler.Compute(source, roles, associations, options);
        progress.Report(new DataProgress("done", 1));
        return new DataProfile(source.FilePath, source.RowCount, source.Dialect, columns, target, duplicates, associations.Associations) { Limits = associations.Limits };
    }
}

/// <summary>Which profiled columns take part in which association, decided once from the profile.</summary>
internal sealed class AnalysisRoles
{
    public AnalysisRoles(DataSource source, IReadOnlyList<ColumnProfile> columns, ProfileOptions options)
    {
        Columns = columns;
        var byName = columns.ToDictionary(column => column.Name);
        Target = source.Target;
        TargetProfile = Target is null ? null : byName[Target.Name];
        NumericFeatures = source.Features.Where(column => IsNumeric(byName[column.Name])).ToList();
        CategoricalFeatures = source.Features.Where(column => IsCategorical(byName[column.Name], options)).ToList();
        if (Target is not null && TargetProfile is not null)
        {
            // The task training would choose; a target training would refuse (constant, too many text classes) is
            // still described, as classes unless it is numeric.
            Task = TaskDetector.TryDetect(Summary(TargetProfile), Target.Name, source.Spec.UseCase?.Training);
            IsClassification = Task?.Task.IsClassification() ?? TargetProfile.Kind != ColumnKind.Numeric;
            IsRegression = !IsClassification && TargetProfile.Kind == ColumnKind.Numeric;
            if (Task?.Task == MlTask.Binary && TargetProfile is { Distinct: 2, TopValues: { } classes })
                Positive = PositiveClass.Resolve(classes.Select(c => new ClassCount(c.Value, c.Count)).ToList(), source.Spec.Positive, Target.Name, source.Spec.DescribedIn);
        }
        Histograms = columns.Where(column => column.Histogram is not null).ToDictionary(column => column.Name, column => column.Histogram!);
    }

    public IReadOnlyList<ColumnProfile> Columns { get; }
    public SourceColumn? Target { get; }
    public ColumnProfile? TargetProfile { get; }
    public TaskDetection? Task { get; }

    /// <summary>Binary: the positive class, as training resolves it.</summary>
    public string? Positive { get; }
    public bool IsClassification { get; }
    public bool IsRegression { get; }
    public IReadOnlyList<SourceColumn> NumericFeatures { get; }
    public IReadOnlyList<SourceColumn> CategoricalFeatures { get; }
    public IReadOnlyDictionary<string, Histogram> Histograms { get; }

    public ColumnProfile Profile(string name) => Columns.First(column => column.Name == name);

    /// <summary>The target as task detection reads it; DuckDB's distinct count is exact at the sizes that decide.</summary>
    private static TargetSummary Summary(ColumnProfile target) => new(
        target.Distinct,
        target.Kind == ColumnKind.Numeric,
        target.Numbers is { IsInteger: true } numbers && TaskDetector.IsSmallInteger(numbers.Min) && TaskDetector.IsSmallInteger(numbers.Max));

    private static bool IsNumeric(ColumnProfile column) => column.Kind == ColumnKind.Numeric && column.Distinct > 1;

    private static bool IsCategorical(ColumnProfile column, ProfileOptions options) =>
        column.Kind is ColumnKind.Categorical or ColumnKind.Boolean && column.Distinct >= 2 && column.Distinct <= options.MaxLevels;
}
