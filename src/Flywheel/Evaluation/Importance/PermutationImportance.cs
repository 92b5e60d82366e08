namespace Flywheel.Evaluation.Importance;

/// <param name="Repeats">Shuffles per feature.</param>
/// <param name="Seed">Same seed, same shuffles, same result. Feature f uses <c>new Random(Seed · 1 000 003 + f)</c>.</param>
public sealed record PermutationImportanceOptions(int Repeats = 5, int Seed = 42);

/// <summary>How much the score drops when one feature is shuffled (positive = the model relies on it).</summary>
/// <param name="StdDrop">Population standard deviation of the drops (ddof = 0, as sklearn's permutation_importance).</param>
public sealed record FeatureImportance(int Index, string Feature, double MeanDrop, double StdDrop, IReadOnlyList<double> Drops);

/// <summary>Baseline score and the features from most to least important (ties in feature order).</summary>
public sealed record PermutationImportanceResult(double BaselineScore, bool HigherIsBetter, IReadOnlyList<FeatureImportance> Features);

/// <summary>Progress of a permutation importance run: features done out of all.</summary>
public readonly record struct PermutationProgress(int FeaturesDone, int FeatureCount);

/// <summary>
/// Model-agnostic permutation feature importance: score the dataset, then for each feature shuffle its column
/// <see cref="PermutationImportanceOptions.Repeats"/> times and score again. Drop = baseline − permuted score when
/// higher is better, permuted − baseline when lower is better, so a positive drop always means "this feature helps".
/// </summary>
public static class PermutationImportance
{
    /// <param name="score">Scores a dataset, e.g. runs the model on it and returns AUC; called 1 + features × repeats times.</param>
    public static PermutationImportanceResult Compute(
        IPermutableDataset data,
        Func<IPermutableDataset, double> score,
        bool higherIsBetter = true,
        PermutationImportanceOptions? options = null,
        IProgress<PermutationProgress>? progress = null)
    {
        options ??= new PermutationImportanceOptions();
        if (options.Repeats < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Repeats, "at least one shuffle per feature");
        var baseline = score(data);
        var features = new List<FeatureImportance>(data.FeatureCount);
        for (var feature = 0; feature < data.FeatureCount; feature++)
        {
            var rng = new Random(unchecked(options.Seed * 1_000_003 + feature));
            var drops = new double[options.Repeats];
            for (var r = 0; r < options.Repeats; r++)
            {
                var permuted = score(data.WithColumnPermuted(feature, rng));
                drops[r] = higherIsBetter ? baseline - permuted : permuted - baseline;
            }
            var mean = drops.Average();
            var std = Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / drops.Length);
            features.Add(new FeatureImportance(feature, data.FeatureName(feature), mean, std, drops));
            progress?.Report(new PermutationProgress(feature + 1, data.FeatureCount));
        }
        var ranked = features.OrderByDescending(f => f.MeanDrop).ThenBy(f => f.Index).ToList();
        return new PermutationImportanceResult(baseline, higherIsBetter, ranked);
    }
}
