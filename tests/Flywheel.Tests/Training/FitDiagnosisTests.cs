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
    public void Validation_still_improving_at_the_last_checkpoint_is_underfitting()
    {
        var curve = Curve(true, (25, 0.80, 0.79), (50, 0.83, 0.82), (100, 0.85, 0.84));
        Assert.Equal("underfitting", FitDiagnostics.Diagnose(curve).Verdict);
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
