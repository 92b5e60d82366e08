using Flywheel.Tasks;
using Flywheel.Training;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;

namespace Flywheel.Tests.Training;

public class FinishingTimeTests
{
    private static readonly IReadOnlyList<TrainerDefinition> Trainers = TrainerCatalog.For(MlTask.Binary, ["LightGbm", "FastForest", "Sdca", "Lbfgs"]);

    [Fact]
    public void A_boosted_winner_reserves_its_curve_and_re_evaluation_and_every_configuration_an_ensemble_may_include_its_refit()
    {
        // The ensemble pool: the 5 best trials (1, 2, 4, 3, 5) and the best of each trainer; trial 6 (a failure) is not in it.
        Trial[] trials =
        [
            Trial(1, "LightGbm", 0.90, 2), Trial(2, "FastForest", 0.85, 3), Trial(3, "Sdca", 0.70, 9), Trial(4, "Sdca", 0.80, 1),
            Trial(5, "Lbfgs", 0.60, 4), Trial(6, "LightGbm", double.NaN, 100),
        ];

        var estimate = new FinishingTime(Trainers, fitsPerEvaluation: 1, higherIsBetter: true).Estimate(trials);

        // Checkpoints at ⅛ … 2 × the iterations: 5.375 fits of 2 s, re-evaluation 2 s, refits 1.3 × (2 + 3 + 1 + 9 + 4) s.
        Assert.Equal(5.375, FinishingTime.CurveFits);
        Assert.Equal(5.375 * 2 + 2 + 1.3 * 19, estimate.TotalSeconds, 9);
    }

    [Fact]
    public void Under_cross_validation_a_fit_is_a_fold_of_the_trial_and_a_forest_winner_has_no_curve()
    {
        Trial[] trials = [Trial(1, "FastForest", 0.9, 10), Trial(2, "Sdca", 0.8, 5)];

        var estimate = new FinishingTime(Trainers, fitsPerEvaluation: 5, higherIsBetter: true).Estimate(trials);

        Assert.Equal(1.3 * (2 + 1), estimate.TotalSeconds, 9);
        Assert.Equal(TimeSpan.Zero, new FinishingTime(Trainers, 1, true).Estimate([]));
    }

    private static Trial Trial(int number, string trainer, double auc, double seconds) =>
        new(number, trainer, new HyperparameterSet([]), TrialOrigin.Default, auc, new Dictionary<string, double>(), TimeSpan.FromSeconds(seconds), 1);
}
