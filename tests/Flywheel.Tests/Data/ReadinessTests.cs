using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;
using Flywheel.Data.Readiness;
using Flywheel.Data.Sources;
using Flywheel.UseCases;

namespace Flywheel.Tests.Data;

public class ReadinessTests
{
    private static ReadinessAssessment Assess(string csv, string? target, DeclaredDataFacts? declared)
    {
        using var folder = new TempFolder();
        using var source = DataSource.Open(folder.Write("d.csv", csv), target);
        return Diagnoser.Diagnose(Profiler.Profile(source), new DiagnosisOptions(new Dictionary<string, double>(), declared)).Readiness;
    }

    // 80 rows, 40 per class: enough examples per class for no critical finding.
    private static readonly string Labeled = "x,y\n" + string.Concat(Enumerable.Range(0, 80).Select(i => $"{(i * 37) % 80},{(i % 2 == 0 ? "a" : "b")}\n"));

    [Fact]
    public void No_target_is_raw_and_unlabeled()
    {
        var readiness = Assess(Labeled, null, null);
        Assert.Equal(ReadinessLevel.RawUnlabeled, readiness.Level);
        Assert.Equal(1, readiness.Number);
    }

    [Fact]
    public void Declared_no_labels_is_raw_even_with_a_target_column()
    {
        Assert.Equal(ReadinessLevel.RawUnlabeled, Assess(Labeled, "y", new DeclaredDataFacts(true, LabelCoverage.None)).Level);
    }

    [Fact]
    public void Labeled_but_undeclared_facts_stay_at_level_two()
    {
        var readiness = Assess(Labeled, "y", null);
        Assert.Equal(ReadinessLevel.LabeledPartial, readiness.Level);
        Assert.Equal(2, readiness.Undeclared.Count);
    }

    [Fact]
    public void Missing_labels_in_the_file_keep_level_two_even_when_declared_complete()
    {
        var readiness = Assess("x,y\n1,a\n2,\n3,a\n4,b\n5,a\n6,b\n", "y", new DeclaredDataFacts(true, LabelCoverage.Complete));
        Assert.Equal(ReadinessLevel.LabeledPartial, readiness.Level);
        Assert.Contains(readiness.NextSteps, step => step.Contains("16.67%"));
    }

    [Fact]
    public void Complete_documented_and_clean_is_ready()
    {
        var readiness = Assess(Labeled, "y", new DeclaredDataFacts(true, LabelCoverage.Complete));
        Assert.Equal(ReadinessLevel.Ready, readiness.Level);
        Assert.Contains(readiness.Facts, fact => fact.Fact == "documented" && fact.Source == "declared");
    }
}
