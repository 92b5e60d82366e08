using Flywheel.Server.Security;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Feedback;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Review;
using Flywheel.Storage;

namespace Flywheel.Server.Review;

/// <summary>
/// Feedback and the human review queue: the library's <see cref="ReviewQueue"/>, <see cref="ReviewStats"/>,
/// <see cref="SimilarDecisions"/>, <see cref="FeedbackStore"/> and the intake (<see cref="ReviewIntakeRunner"/>), which
/// a Hangfire recurring job runs every minute when this process runs jobs (<see cref="ReviewIntakeJob"/>).
/// </summary>
public static class ReviewFeature
{
    public static void AddServices(WebApplicationBuilder builder, ServerOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(provider => new ReviewQueue(Store(provider)));
        services.AddSingleton(provider => new ReviewStats(Store(provider)));
        services.AddSingleton(provider => new SimilarDecisions(Store(provider)));
        services.AddSingleton(provider => new FeedbackStore(Store(provider), provider.GetRequiredService<CaptureReader>()));
        services.AddSingleton<IReviewModels>(provider =>
        {
            var store = Store(provider);
            var stores = new UseCaseStores(options.UseCases.Count > 0 ? options.UseCases[0] : ".", store, options.StoreOptions);
            return new RegistryReviewModels(async (endpoint, cancellation) =>
                await store.Endpoints.FindAsync(endpoint, cancellation) is { } record ? stores.Get(record.UseCaseFolder) : store);
        });
        services.AddSingleton(provider => new ReviewIntakeRunner(Store(provider), provider.GetRequiredService<CaptureReader>(),
            provider.GetRequiredService<IReviewModels>(), provider.GetRequiredService<ILoggerFactory>().CreateLogger<ReviewIntakeRunner>()));
        services.AddTransient<ReviewIntakeJob>();
        if (options.RunJobs) services.AddHostedService<ReviewIntakeSchedule>();
    }

    public static void Map(WebApplication app)
    {
        FeedbackRoutes.Map(app.MapGroup("/api/v1/endpoints/{name}").WithTags("Feedback"));
        ReviewRoutes.Map(app.MapGroup("/api/v1/review").WithTags("Review"));
        app.MapGroup("/api/v1/endpoints/{name}").WithTags("Review").MapPost("/review-intake", ReviewRoutes.IntakeAsync)
            .Requires(Flywheel.Operate.Access.Permission.Deploy).WithName("RunReviewIntake")
            .WithSummary("Queue the endpoint's new captured rows for review now (review-band decisions and the review.sample share of automatic ones)")
            .Produces<IntakeResult>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static MetadataStore Store(IServiceProvider provider) => provider.GetRequiredService<ServerStore>().Store;
}
