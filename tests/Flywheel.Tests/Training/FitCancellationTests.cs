using System.Diagnostics;
using Flywheel.Tasks;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;

namespace Flywheel.Tests.Training;

/// <summary>ML.NET fits take no token; the one given to <see cref="TrialRunner.Fit"/> cancels the fit's MLContext, which stops it mid-way.</summary>
public sealed class FitCancellationTests
{
    [Theory]
    [InlineData("FastTree", "trees")]
    [InlineData("LightGbm", "iterations")]
    public void A_long_fit_stops_soon_after_its_token_is_cancelled(string name, string knob)
    {
        var trainer = TrainerCatalog.For(MlTask.Binary, [name]).Single();
        var rows = Synthetic.Table(MlTask.Binary, 40_000, seed: 5);
        // Thousands of trees with many leaves on 40,000 rows: far longer than the half second the test allows it.
        var hyperparameters = trainer.Space.Defaults().With(knob, 5_000);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAny<OperationCanceledException>(() => TrialRunner.Fit(trainer, hyperparameters, 1, rows, cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{name} stopped {clock.Elapsed.TotalSeconds:0.00} s after start (cancelled at 0.5 s)");
    }
}
