using Flywheel.Evaluation.Importance;
using static Flywheel.Tests.Evaluation.Fixtures;

namespace Flywheel.Tests.Evaluation;

public class PermutationImportanceTests
{
    /// <summary>A dataset whose score is scripted: baseline 0.9, then the given scores per shuffle of each feature.</summary>
    private sealed class Scripted(IReadOnlyList<double[]> scoresPerFeature, int permutedFeature = -1, int shuffle = 0) : IPermutableDataset
    {
        private readonly int[] _shuffles = new int[scoresPerFeature.Count];
        public int FeatureCount => scoresPerFeature.Count;
        public string FeatureName(int feature) => $"f{feature}";
        public double Score => permutedFeature < 0 ? 0.9 : scoresPerFeature[permutedFeature][shuffle];
        public IPermutableDataset WithColumnPermuted(int feature, Random rng) => new Scripted(scoresPerFeature, feature, _shuffles[feature]++);
    }

    [Fact]
    public void Mean_and_population_std_of_the_drops()
    {
        var data = new Scripted([[0.7, 0.8, 0.6], [0.9, 0.9, 0.9]]);
        var result = PermutationImportance.Compute(data, d => ((Scripted)d).Score, options: new PermutationImportanceOptions(Repeats: 3));
        Near(0.9, result.BaselineScore);
        var f0 = result.Features.Single(f => f.Feature == "f0");
        Near([0.2, 0.1, 0.3], f0.Drops.ToArray());
        Near(0.2, f0.MeanDrop);
        Near(Math.Sqrt(0.02 / 3), f0.StdDrop);                // drops 0.2, 0.1, 0.3 around 0.2, ddof 0
        Assert.Equal(["f0", "f1"], result.Features.Select(f => f.Feature)); // most important first
        Near(0, result.Features[1].MeanDrop);
    }

    [Fact]
    public void Lower_is_better_metrics_count_a_rise_as_a_drop()
    {
        var data = new Scripted([[1.0, 1.2]]);
        var result = PermutationImportance.Compute(data, d => ((Scripted)d).Score, higherIsBetter: false, new PermutationImportanceOptions(Repeats: 2));
        Near(0.2, result.Features[0].MeanDrop); // (0.1 + 0.3) / 2
    }

    private static (ArrayPermutableDataset Data, bool[] Labels) Signal()
    {
        var rng = new Random(7);
        var informative = Enumerable.Range(0, 200).Select(_ => rng.NextDouble()).ToArray();
        var noise = Enumerable.Range(0, 200).Select(_ => rng.NextDouble()).ToArray();
        return (new ArrayPermutableDataset(["noise", "signal"], [noise, informative]), informative.Select(v => v > 0.5).ToArray());
    }

    private static double AccuracyOfRule(IPermutableDataset d, bool[] labels)
    {
        var data = (ArrayPermutableDataset)d;
        return Enumerable.Range(0, labels.Length).Count(i => data.Value(i, 1) > 0.5 == labels[i]) / (double)labels.Length;
    }

    [Fact]
    public void An_unused_feature_has_no_importance_and_the_used_one_does_with_the_same_result_for_the_same_seed()
    {
        var (data, labels) = Signal();
        var progress = new List<PermutationProgress>();
        var first = PermutationImportance.Compute(data, d => AccuracyOfRule(d, labels), options: new(Repeats: 4, Seed: 11), progress: new SyncProgress(progress));
        var again = PermutationImportance.Compute(data, d => AccuracyOfRule(d, labels), options: new(Repeats: 4, Seed: 11));
        Assert.Equal("signal", first.Features[0].Feature);
        Assert.True(first.Features[0].MeanDrop > 0.3);
        Assert.Equal(0, first.Features[1].MeanDrop);
        Assert.Equal(0, first.Features[1].StdDrop);
        Assert.Equal(first.Features[0].Drops, again.Features[0].Drops);
        Assert.Equal([new PermutationProgress(1, 2), new PermutationProgress(2, 2)], progress);
    }

    [Fact]
    public void Permuting_a_column_keeps_its_values_and_leaves_the_original_alone()
    {
        var (data, _) = Signal();
        var permuted = (ArrayPermutableDataset)data.WithColumnPermuted(1, new Random(3));
        Assert.Equal(data.Column(1).Order(), permuted.Column(1).Order());
        Assert.NotEqual(data.Column(1), permuted.Column(1));
        Assert.Equal(data.Column(0), permuted.Column(0));
    }

    private sealed class SyncProgress(List<PermutationProgress> sink) : IProgress<PermutationProgress>
    {
        public void Report(PermutationProgress value) => sink.Add(value);
    }
}
