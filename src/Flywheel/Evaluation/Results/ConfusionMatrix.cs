namespace Flywheel.Evaluation.Results;

/// <summary>Counts of a K×K confusion matrix: <c>Counts[actual][predicted]</c>, classes in <see cref="Classes"/> order.</summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Classes, long[][] Counts)
{
    public long Total => Counts.Sum(row => row.Sum());
}
