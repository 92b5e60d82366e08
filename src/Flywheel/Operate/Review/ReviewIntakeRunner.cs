using Flywheel.Operate.Capture;
using Flywheel.Storage;
using Flywheel.UseCases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Review;

/// <summary>
/// Runs <see cref="ReviewIntake"/> for one endpoint or for every endpoint of the store, with the <c>review</c>
/// settings of each endpoint's use case (read at each run, so an edited flywheel.yaml applies from the next minute).
/// </summary>
public sealed class ReviewIntakeRunner(MetadataStore store, CaptureReader capture, IReviewModels models, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>One endpoint; <paramref name="settings"/> overrides its use case's (the CLI, for a use case never served).</summary>
    public async Task<IntakeResult> RunAsync(string endpoint, ReviewSection? settings = null, CancellationToken cancellation = default)
    {
        if (settings is null)
        {
            var record = await store.Endpoints.FindAsync(endpoint, cancellation)
                ?? throw new NotFoundException($"no endpoint '{endpoint}'", "endpoint");
            settings = SettingsOf(record.UseCaseFolder);
        }
        return await new ReviewIntake(store, capture, models, _logger).RunAsync(endpoint, settings, cancellation);
    }

    /// <summary>Every endpoint in turn; one that fails is logged and the others still run.</summary>
    public async Task<IReadOnlyList<IntakeResult>> RunAllAsync(CancellationToken cancellation = default)
    {
        var results = new List<IntakeResult>();
        foreach (var record in await store.Endpoints.ListAsync(cancellation))
        {
            try
            {
                results.Add(await new ReviewIntake(store, capture, models, _logger).RunAsync(record.Name, SettingsOf(record.UseCaseFolder), cancellation));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                _logger.LogError(error, "review intake of {Endpoint} failed", record.Name);
            }
        }
        return results;
    }

    /// <summary>The <c>review</c> section of the use case in <paramref name="folder"/>; the defaults when the file cannot be read now.</summary>
    public ReviewSection SettingsOf(string folder)
    {
        try
        {
            return UseCaseLoader.Load(folder).ReviewOrDefault;
        }
        catch (FlywheelException error)
        {
            _logger.LogWarning("review settings of {Folder}: {Error}; using the defaults", folder, error.Describe());
            return ReviewSection.Default(Path.Combine(folder, "flywheel.yaml"));
        }
    }
}
