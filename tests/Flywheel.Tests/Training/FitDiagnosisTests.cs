using Flywheel.Training.Curves;

namespace Flywheel.Tests.Training;

public class FitDiagnosisTests
{
    private static LearningCurve Curve(bool higherIsBetter, params (int Iterations, double Train, double Validation)[] points)
    {
        var best = higherIsBetter ? points.MaxBy(p => p.Validation) : points.MinBy(p => p.Validation);
        return new LearningCurve("LightGbm", higherIsBetter ? "auc" : "rmse", higherIsBetter,
            points.Select(p => new CurvePoint(p.Iterations, p.Train, p.Validation)).ToList(), best.Iterations, 100);
    }

    [Fact]
    public void Validation_that_worsens_after_its_peak_is_overfitting() =>
        Assert.Equal("overfitting", FitDiagnostics.Diagnose(Curve(true, (25, 0.90, 0.88), (50, 0.95, 0.90), (100, 0.99, 0.87))).Verdict);

    [Fact]
    public void A_wide_train_validation_gap_is_overfitting_even_at_the_peak()
    {
        var diagnosis = FitDiagnostics.Diagnose(Curve(false, (50, 9000, 30000), (100, 5000, 25000)));
        Assert.Equal("overfitting", diagnosis.Verdict);
        Assert.Contains(diagnosis.Advice, advice => advice.Contains("regularize"));
    }

    [Fact]
    public void Still_improving_with_a_poor_training_score_is_underfitting()
    {
        // Training AUC 0.85 is 0.15 short of perfect, beyond the 0.10 that counts as poor.
        var diagnosis = FitDiagnostics.Diagnose(Curve(true, (25, 0.80, 0.79), (50, 0.83, 0.82), (100, 0.85, 0.84)));
        Assert.Equal("underfitting", diagnosis.Verdict);
        Assert.True(diagnosis.IsConcern);
        Assert.Equal("validation auc was still improving at 100 iterations (0.82 → 0.84) and training reaches only 0.85: the model does not fit even the rows it learns from", diagnosis.Finding);
    }

    [Fact]
    public void A_near_perfect_model_still_improving_is_not_underfitting()
    {
        // As on penguins (test accuracy 1.0): log loss keeps falling while every row is already right. Training log loss
        // 0.02 gives the true class a geometric mean probability of e^−0.02 = 0.980, a shortfall of 0.0198; the gap to
        // validation is (0.021 − 0.02) / 0.021 = 4.8%, below the 10% of overfitting.
        var curve = new LearningCurve("LightGbm", "log_loss", false,
            [new CurvePoint(25, 0.09, 0.095), new CurvePoint(50, 0.03, 0.032), new CurvePoint(100, 0.02, 0.021)], 100, 100);
        Assert.Equal(1 - Math.Exp(-0.02), FitDiagnostics.TrainingShortfall(curve)!.Value, 12);
        var diagnosis = FitDiagnostics.Diagnose(curve);
        Assert.Equal("still improving", diagnosis.Verdict);
        Assert.False(diagnosis.IsConcern);
        Assert.Equal("validation log_loss was still improving at 100 iterations (0.032 → 0.021); training reaches 0.02, close to a perfect score, so the model is not short of capacity", diagnosis.Finding);
        Assert.DoesNotContain("underfitting", diagnosis.Finding);
    }

    [Fact]
    public void A_poor_log_loss_still_improving_is_underfitting()
    {
        // Training log loss 0.5: e^−0.5 = 0.607, 0.39 short of certain.
        var curve = new LearningCurve("LightGbm", "log_loss", false,
            [new CurvePoint(50, 0.55, 0.58), new CurvePoint(100, 0.50, 0.53)], 100, 100);
        Assert.Equal("underfitting", FitDiagnostics.Diagnose(curve).Verdict);
    }

    [Fact]
    public void Without_a_fixed_best_score_a_curve_still_improving_is_not_called_underfitting()
    {
        var diagnosis = FitDiagnostics.Diagnose(Curve(false, (50, 21000, 22000), (100, 20000, 21000)));
        Assert.Null(FitDiagnostics.TrainingShortfall(Curve(false, (50, 21000, 22000), (100, 20000, 21000))));
        Assert.Equal("still improving", diagnosis.Verdict);
        Assert.Contains("rmse has no fixed best score", diagnosis.Finding);
    }

    [Fact]
    public void A_plateau_close_to_training_is_a_good_fit() =>
        Assert.Equal("good fit", FitDiagnostics.Diagnose(Curve(true, (25, 0.85, 0.84), (50, 0.87, 0.86), (100, 0.871, 0.8595))).Verdict);

    [Fact]
    public void Gap_and_decline_are_relative_to_validation()
    {
        var curve = Curve(false, (50, 10, 20), (100, 8, 25));
        Assert.Equal((20 - 10) / 20.0, FitDiagnostics.Gap(curve), 12);
        Assert.Equal((25 - 20) / 20.0, FitDiagnostics.Decline(curve), 12);
    }

    [Fact]
    public void Checkpoints_span_an_eighth_to_twice_the_configured_iterations() =>
        Assert.Equal([12, 25, 50, 100, 150, 200], LearningCurveTracer.Checkpoints(100));
}
