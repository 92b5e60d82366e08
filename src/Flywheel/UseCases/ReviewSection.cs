namespace Flywheel.UseCases;

/// <summary>
/// The <c>review</c> section: how the human review queue takes and hands out items (A2I's activation conditions and
/// workers per item). Besides the rows whose decision is <c>review</c>, a <see cref="Sample"/> share of automatic
/// decisions is queued too (deterministic per inference id), so the automation's real error can be estimated without bias.
/// </summary>
/// <param name="Sample">Share (0–1) of automatic decisions also queued; default 0.</param>
/// <param name="Lease">How long a claimed item stays with its reviewer before it returns to the queue; default 15 min.</param>
/// <param name="Reviewers">Distinct reviewers whose answers an item needs before it is consolidated by majority; default 1.</param>
public sealed record ReviewSection(double Sample, TimeSpan Lease, int Reviewers, SourcePosition Position)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(15);

    public static ReviewSection Default(string file) => new(0, DefaultLease, 1, new SourcePosition(file, 1, 1));
}

internal static class ReviewSectionReader
{
    public static ReviewSection Read(MappingReader section)
    {
        var sample = section.Number("sample") ?? 0;
        if (!double.IsFinite(sample) || sample < 0 || sample > 1)
            throw section.At(section.Node("sample")!, $"'review.sample' is a share between 0 and 1, not {sample}");
        var lease = section.String("lease") is { } leaseText ? TrainingSectionReader.ParseDuration(leaseText) : ReviewSection.DefaultLease;
        if (lease <= TimeSpan.Zero)
            throw section.At(section.Node("lease")!, "'review.lease' must be a positive duration");
        var reviewers = section.Integer("reviewers") ?? 1;
        if (reviewers is < 1 or > 25)
            throw section.At(section.Node("reviewers")!, $"'review.reviewers' is a whole number from 1 to 25, not {reviewers}");
        section.RejectUnknownKeys();
        return new ReviewSection(sample, lease, reviewers, section.Position);
    }
}
