namespace Flywheel.Evaluation.Importance;

/// <summary>
/// A dataset whose feature columns can be shuffled one at a time. The training stage wraps its ML.NET data (e.g. an
/// IDataView with a shuffled column) behind this; <see cref="ArrayPermutableDataset"/> is the in-memory version.
/// </summary>
public interface IPermutableDataset
{
    int FeatureCount { get; }

    string FeatureName(int feature);

    /// <summary>
    /// A copy in which the values of column <paramref name="feature"/> are permuted among the rows, using only
    /// <paramref name="rng"/> for randomness (so the same seed gives the same permutation). This dataset is unchanged.
    /// </summary>
    IPermutableDataset WithColumnPermuted(int feature, Random rng);
}
