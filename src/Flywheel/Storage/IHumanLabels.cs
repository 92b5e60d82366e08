namespace Flywheel.Storage;

/// <summary>
/// A label a person gave a captured inference: a review queue decision (consolidated over its reviewers) or a
/// feedback's correct label. <see cref="Source"/> is <c>review</c> or <c>feedback</c>; <see cref="Agreement"/> is the
/// share of reviewers who gave the consolidated label (null for feedback).
/// </summary>
public sealed record HumanLabel(string Endpoint, string InferenceId, string Label, string Source, DateTimeOffset At, string Actor, double? Agreement = null);

/// <summary>The labels people gave an endpoint's inferences, newest decision per inference id and source.</summary>
public interface IHumanLabels
{
    Task<IReadOnlyList<HumanLabel>> ListAsync(string endpoint, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default);
}
