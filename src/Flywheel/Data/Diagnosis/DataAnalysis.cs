using Flywheel.UseCases;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;

namespace Flywheel.Data.Diagnosis;

/// <summary>
/// The way in for hosts and notebooks: open a file or use case, profile it, diagnose it. Each step is also
/// available on its own (<see cref="DataSource"/>, <see cref="Profiler"/>, <see cref="Diagnoser"/>).
/// </summary>
public static class DataAnalysis
{
    public static DataProfile Profile(string fileOrDirectory, string? target = null, ProfileOptions? options = null, IProgress<DataProgress>? progress = null,
        SourceOptions? sourceOptions = null, CancellationToken cancellation = default, UseCaseOptions? useCase = null)
    {
        using var source = DataSource.Open(fileOrDirectory, target, sourceOptions, Scaled(progress, 0, 0.4), cancellation, useCase);
        return Profiler.Profile(source, options, Scaled(progress, 0.4, 1));
    }

    /// <summary>Profiles and diagnoses; thresholds and declared facts come from the use case's data section when there is one.</summary>
    public static (DataProfile Profile, DiagnosisReport Report) Diagnose(string fileOrDirectory, string? target = null, DiagnosisOptions? options = null, IProgress<DataProgress>? progress = null,
        SourceOptions? sourceOptions = null, CancellationToken cancellation = default, UseCaseOptions? useCase = null)
    {
        using var source = DataSource.Open(fileOrDirectory, target, sourceOptions, Scaled(progress, 0, 0.4), cancellation, useCase);
        var profile = Profiler.Profile(source, ProfileOptions.Default, Scaled(progress, 0.4, 0.95));
        cancellation.ThrowIfCancellationRequested();
        var report = Diagnoser.Diagnose(profile, options ?? DiagnosisOptions.From(source.Spec.UseCase?.Data));
        progress?.Report(new DataProgress("diagnosed", 1));
        return (profile, report);
    }

    private static IProgress<DataProgress>? Scaled(IProgress<DataProgress>? progress, double from, double to) =>
        progress is null ? null : new ScaledProgress(progress, from, to);

    private sealed class ScaledProgress(IProgress<DataProgress> inner, double from, double to) : IProgress<DataProgress>
    {
        public void Report(DataProgress value) => inner.Report(value with { Fraction = from + (to - from) * value.Fraction });
    }
}
