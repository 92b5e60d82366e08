namespace Flywheel.Storage;

/// <summary>
/// A label a person gave a captured inference: a review queue decision (consolidated over its reviewers) or a
/// feedback's correct label. <see cref="Source"/> is <c>review</c> or <c>feedback</c>; <see cref="Agreement"/> is the
/// share of reviewers who gave the consolidated label (null for feedback). <see cref="Row"/> is the row of a request
/// that held several (review items are per row; null for feedback, which is about the whole inference).
/// </summary>
public sealed record HumanLabel(string Endpoint, string InferenceId, string Label, string Source, DateTimeOffset At, string Actor, double? Agreement = null, int? Row = null);

/// <summary>The labels people gave an endpoint's inferences, newest decision per inference id and source.</summary>
public interface IHumanLabels
{
    Task<IReadOnlyList<HumanLabel>> ListAsync(string endpoint, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default);
}
