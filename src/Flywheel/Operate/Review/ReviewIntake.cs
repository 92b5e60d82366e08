using System.Globalization;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Flywheel.Tasks;
using Flywheel.UseCases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Review;

/// <summary>What one intake run read and queued for an endpoint: the capture window [From, To), rows and items.</summary>
public sealed record IntakeResult(string Endpoint, DateTimeOffset? From, DateTimeOffset To, long Records, long Rows, int ReviewBand, int Sampled, int Unreadable);

/// <summary>
/// Fills the review queue from the capture, off the request path: every row of every captured request (not the
/// shadow's) inferred since the endpoint's watermark and before now minus <see cref="Settle"/> (so a record still in
/// the capture writer's buffer is not skipped) is read; a row whose served decision is <c>review</c> is queued, and an
/// automatic one when its draw (a hash of the inference id and row) falls under <c>review.sample</c>. Each item gets the
/// features, the score, the suggested label and the top contributions, computed with the package that answered. The
/// items, the day tallies (rows read, items queued: the review share) and the new watermark are written in one
/// transaction whose watermark update is conditional, so two intakes at once (the recurring job, a CLI) queue each row once.
/// </summary>
public sealed class ReviewIntake(MetadataStore store, CaptureReader capture, IReviewModels models, ILogger? logger = null)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    public const int ExplainTop = 5;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private TimeProvider Clock => store.Options.Clock ?? TimeProvider.System;

    public async Task<IntakeResult> RunAsync(string endpoint, ReviewSection settings, CancellationToken cancellation = default)
    {
        var now = Clock.GetUtcNow();
        var until = now - Settle;
        var database = store.Database;
        long? watermark;
        await using (var context = database.CreateContext())
            watermark = await context.ReviewIntake.AsNoTracking().Where(i => i.Endpoint == endpoint).Select(i => (long?)i.WatermarkMs).FirstOrDefaultAsync(cancellation);
        var from = watermark is { } ms ? ReviewQueue.FromMs(ms) : (DateTimeOffset?)null;
        if (from is { } start && start >= until) return new IntakeResult(endpoint, from, until, 0, 0, 0, 0, 0);

        var items = new List<ReviewItemRow>();
        var tallies = new Dictionary<string, (long Rows, long Queued)>(StringComparer.Ordinal);
        long records = 0, rows = 0;
        int band = 0, sampled = 0, unreadable = 0;
        foreach (var record in capture.Read(new CaptureQuery(endpoint) { Since = from, Until = until }, cancellation))
        {
            if (record.Shadow) continue;
            records++;
            var model = await models.LoadAsync(endpoint, record.ModelVersion, cancellation);
            var inputs = CapturedRows.Inputs(model.Spec, record, 10_000);
            if (inputs.Count == 0)
            {
                unreadable++;
                continue;
            }
            var day = record.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var served = CapturedRows.ServedDecisions(record);
            var predictions = model.Score(inputs, 0);
            var queued = 0;
            for (var r = 0; r < inputs.Count; r++)
            {
                var decision = r < served.Count && served[r] is { } text ? text : Decision(predictions[r].Row);
                var activation = decision == CsvPredictor.ReviewDecision ? ReviewActivation.ReviewBand
                    : settings.Sample > 0 && CapturedRows.Draw(record.InferenceId, r) < settings.Sample ? ReviewActivation.RandomSample : null;
                if (activation is null) continue;
                if (activation == ReviewActivation.ReviewBand) band++;
                else sampled++;
                queued++;
                var explained = model.Score([inputs[r]], ExplainTop)[0];
                items.Add(Item(endpoint, record, r, model, inputs[r], explained, decision, activation, settings, now));
            }
            rows += inputs.Count;
            var tally = tallies.GetValueOrDefault(day);
            tallies[day] = (tally.Rows + inputs.Count, tally.Queued + queued);
        }

        await using (var context = database.CreateContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellation);
            var untilMs = ReviewQueue.Ms(until);
            if (watermark is { } old)
            {
                var moved = await context.ReviewIntake.Where(i => i.Endpoint == endpoint && i.WatermarkMs == old)
                    .ExecuteUpdateAsync(set => set.SetProperty(i => i.WatermarkMs, untilMs), cancellation);
                if (moved != 1) return Skipped(endpoint, from, until);
            }
            else context.ReviewIntake.Add(new ReviewIntakeRow { Endpoint = endpoint, WatermarkMs = untilMs });
            var ids = items.Select(i => i.InferenceId).Distinct().ToList();
            var existing = new HashSet<(string, int)>();
            foreach (var chunk in ids.Chunk(500))
                foreach (var key in await context.ReviewItems.AsNoTracking().Where(i => i.Endpoint == endpoint && chunk.Contains(i.InferenceId))
                             .Select(i => new { i.InferenceId, i.RowIndex }).ToListAsync(cancellation))
                    existing.Add((key.InferenceId, key.RowIndex));
            context.ReviewItems.AddRange(items.DistinctBy(i => (i.InferenceId, i.RowIndex)).Where(i => !existing.Contains((i.InferenceId, i.RowIndex))));
            foreach (var (day, tally) in tallies)
            {
                var row = await context.ReviewTallies.FirstOrDefaultAsync(t => t.Endpoint == endpoint && t.Day == day, cancellation);
                if (row is null) context.ReviewTallies.Add(new ReviewTallyRow { Endpoint = endpoint, Day = day, Rows = tally.Rows, Queued = tally.Queued });
                else
                {
                    row.Rows += tally.Rows;
                    row.Queued += tally.Queued;
                }
            }
            try
            {
                await context.SaveChangesAsync(cancellation);
            }
            catch (DbUpdateException) when (watermark is null)
            {
                return Skipped(endpoint, from, until); // another intake made the endpoint's first watermark at the same time
            }
            await transaction.CommitAsync(cancellation);
        }
        if (unreadable > 0) _logger.LogWarning("review intake of {Endpoint}: {Unreadable} captured requests could not be read with their model's schema", endpoint, unreadable);
        return new IntakeResult(endpoint, from, until, records, rows, band, sampled, unreadable);
    }

    private IntakeResult Skipped(string endpoint, DateTimeOffset? from, DateTimeOffset until)
    {
        _logger.LogInformation("review intake of {Endpoint}: another intake took the window first", endpoint);
        return new IntakeResult(endpoint, from, until, 0, 0, 0, 0, 0);
    }

    private static ReviewItemRow Item(string endpoint, CapturedRecord record, int index, LoadedModel model, InputRow input, Prediction explained,
        string decision, string activation, ReviewSection settings, DateTimeOffset now)
    {
        var spec = model.Spec;
        var features = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Inputs.Count; i++) features[spec.Inputs[i].Name] = input.Value(i, spec.Inputs[i].Numeric);
        var explanation = explained.Explanation is { } e
            ? JsonSerializer.Serialize(new { method = e.Method, score = e.Score, contributions = e.Contributions.Select(c => new { feature = c.Feature, value = c.Value, change = c.Change }) })
            : null;
        return new ReviewItemRow
        {
            Endpoint = endpoint, InferenceId = record.InferenceId.Length > 0 ? record.InferenceId : record.EventId, RowIndex = index,
            EventId = record.EventId, Variant = record.Variant, ModelVersion = record.ModelVersion,
            CapturedAt = record.Time, CapturedAtMs = ReviewQueue.Ms(record.Time), QueuedAt = now, Activation = activation,
            FeaturesJson = JsonSerializer.Serialize(features), Score = explained.Row.Score, SuggestedLabel = explained.Row.SuggestedLabel,
            LabelsJson = JsonSerializer.Serialize(spec.Task == MlTask.Regression ? [] : spec.Classes),
            Decision = decision, ExplanationJson = explanation, State = ReviewStates.Queued,
            ReviewersNeeded = settings.Reviewers, LeaseMs = (long)settings.Lease.TotalMilliseconds,
        };
    }

    private static string Decision(ScoredRow row) => row.Decision == DecisionRoute.Review ? CsvPredictor.ReviewDecision : CsvPredictor.AutomaticDecision;
}
