using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Tasks;
using Flywheel.UseCases;

namespace Flywheel.Data.Splits;

/// <summary>The rows to split and the settings written for them (the use case's <c>data.split</c>, or the defaults).</summary>
public sealed record SplitInput(ColumnTable Table, string? Target, SplitSpec Spec, UseCase? UseCase, string DescribedIn)
{
    /// <summary>The target's values as text, for deciding whether the task is classification.</summary>
    public IEnumerable<string?> TargetValues() =>
        Target is null ? [] : Table.Get(Target, "--target").Strings();

    /// <summary>The task training would choose for the target (null without one): a class label is split stratified.</summary>
    public MlTask? Task() => Target is null ? null : TaskDetector.Detect(TargetSummaries.Of(Table.Get(Target, "--target")), Target, UseCase?.Training).Task;
}

/// <summary>What the command line may change: the seed, and a group or date column.</summary>
public sealed record SplitOverrides(int? Seed = null, string? By = null, string? Time = null);

/// <summary>Rows per split, and per class when the target is a class label.</summary>
public sealed record SplitCount(SplitName Split, int Rows, IReadOnlyDictionary<string, int> Classes);

public sealed record SplitSummary(SplitAssignment Assignment, string? Target, IReadOnlyList<SplitCount> Counts, string DataFile);

/// <summary>The library side of <c>flywheel data split</c>: open the data, settle the settings, assign, count.</summary>
public static class SplitRun
{
    /// <summary>A data file, a use-case folder or its flywheel.yaml; <paramref name="target"/> overrides the use case's.</summary>
    public static SplitInput Open(string fileOrDirectory, string? target = null, IProgress<DataProgress>? progress = null, UseCaseOptions? useCase = null)
    {
        var spec = SourceSpec.Resolve(fileOrDirectory, target, useCase);
        var table = ColumnTableReader.Read(spec, progress);
        return new SplitInput(table, spec.Target, spec.UseCase?.Data?.Split ?? SplitSpec.Default, spec.UseCase, spec.DescribedIn);
    }

    /// <summary>
    /// Assigns the rows. <paramref name="classification"/> says whether the target is a class label (the caller asks
    /// the training stage's task detection); only then is the split stratified.
    /// </summary>
    public static SplitSummary Assign(SplitInput input, SplitOverrides overrides, bool classification)
    {
        if (overrides.By is not null && overrides.Time is not null)
            throw new InputException("give either --by (a group column) or --time (a date column), not both", input.DescribedIn);
        var spec = input.Spec with { Seed = overrides.Seed ?? input.Spec.Seed };
        if (overrides.By is not null) spec = spec with { By = overrides.By, Time = null };
        if (overrides.Time is not null) spec = spec with { Time = overrides.Time, By = null };

        var settings = SplitSettings.From(spec, input.Target, classification);
        var keys = TableSplitKeys.From(input.Table, settings, input.DescribedIn);
        var assignment = Splitter.Assign(settings, keys, TableFingerprint.Compute(input.Table), input.DescribedIn);
        var labels = classification && input.Target is not null ? input.TargetValues().ToList() : null;
        var counts = SplitNames.All.Select(split => Count(assignment, split, labels)).ToList();
        return new SplitSummary(assignment, input.Target, counts, input.Table.File ?? input.DescribedIn);
    }

    private static SplitCount Count(SplitAssignment assignment, SplitName split, IReadOnlyList<string?>? labels)
    {
        var rows = assignment.RowsIn(split);
        var classes = labels is null
            ? new Dictionary<string, int>()
            : rows.GroupBy(row => labels[row] ?? "(missing)").OrderBy(group => group.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return new SplitCount(split, rows.Count, classes);
    }
}
