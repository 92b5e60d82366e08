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

    public static async Task<ValueAnalysisResult> RunAsync(UseCase useCase, ValueAnalysisOptions? options, string? model, StoreOptions? store, CancellationToken cancellation = default) =>
        ValueAnalysis.Run(useCase, options, measured: await MeasuredAsync(useCase, model, store, cancellation));
}
