using System.Globalization;
using Flywheel.Reports;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Value;
using Flywheel.Workflows;

namespace Flywheel.Operate.Listings;

/// <summary>
/// The value analysis as <c>flywheel value</c>, the value page and <c>GET /api/v1/use-cases/{name}/value</c> give it: priced
/// with the figures the use case's model measured (<c>decision.*</c>) and the review queue's (<c>review.*</c>) when there are any.
/// </summary>
public static class ValuePricing
{
    public static async Task<MeasuredVariables?> MeasuredAsync(UseCase useCase, string? model, StoreOptions? store, CancellationToken cancellation = default)
    {
        var measured = await ModelMeasurements.FindAsync(useCase, model, store, cancellation);
        return await Review.ReviewVariables.AddAsync(useCase, measured, store, cancellation);
    }

    /// <summary>
    /// The analysis of the file's own figures (no edit, no seek) with <paramref name="measured"/>, and its report, built
    /// once per use-case file, measured figures and language: a server's page and route then cost the store lookups
    /// only, and a page finds the report's charts drawn. A use case read from no file is analysed afresh.
    /// </summary>
    public static PricedValue AsFiled(UseCase useCase, MeasuredVariables? measured)
    {
        if (useCase.Fingerprint.Length == 0) return Priced(useCase, null, measured);
        return Filed.GetOrAdd(AsFiledKey(useCase, measured), _ => Priced(useCase, null, measured));
    }

    public static async Task<ValueAnalysisResult> RunAsync(UseCase useCase, ValueAnalysisOptions? options, string? model, StoreOptions? store, CancellationToken cancellation = default) =>
        ValueAnalysis.Run(useCase, options, measured: await MeasuredAsync(useCase, model, store, cancellation));

    private static readonly BoundedMemo<PricedValue> Filed = new(32);

    /// <summary>The analysis with <paramref name="options"/> (a seek, a scenario) and its report, computed now: what a page shows for an edit or a question.</summary>
    public static PricedValue Priced(UseCase useCase, ValueAnalysisOptions? options, MeasuredVariables? measured)
    {
        var result = ValueAnalysis.Run(useCase, options, measured: measured);
        return new PricedValue(result, new Lazy<ReportDocument>(() => ValueReport.Build(result)));
    }

    private static string AsFiledKey(UseCase useCase, MeasuredVariables? measured)
    {
        var figures = measured is null ? "none" : string.Join(";", measured.Values.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value.Value.ToString("R", CultureInfo.InvariantCulture)} {p.Value.Dimension} {measured.Units?.GetValueOrDefault(p.Key)} {measured.LabelOf(p.Key)}"));
        return string.Join("|", useCase.FilePath, useCase.Fingerprint, CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, figures);
    }
}

/// <summary>A value analysis and its report, drawn when first read (in the language of that first reader's key).</summary>
public sealed record PricedValue(ValueAnalysisResult Result, Lazy<ReportDocument> Report);
