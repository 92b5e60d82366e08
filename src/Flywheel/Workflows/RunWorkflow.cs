using Flywheel.Data.Diagnosis;
using Flywheel.Reports;
using Flywheel.UseCases;
using Flywheel.Value;
using Microsoft.Extensions.Logging;

namespace Flywheel.Workflows;

/// <summary>What <c>flywheel run</c> did, stage by stage, and the report pages it wrote.</summary>
public sealed record RunOutcome(
    ValueAnalysisResult? Value,
    string? ValueNote,
    DiagnosisReport Diagnosis,
    TrainOutcome Training,
    ValueAnalysisResult? ValueWithModel,
    IReadOnlyList<string> Reports);

/// <summary>
/// The whole cycle in one call, through each stage's own library API: price the use case (Value), profile and
/// diagnose the data (Data), train and test (Training, Evaluation, Registry), feed the model's decision results back
/// into the value model, and write the value, data and model pages.
/// </summary>
public static class RunWorkflow
{
    public static async Task<RunOutcome> RunAsync(UseCase useCase, TrainRequest request, string reportDirectory, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        ValueAnalysisResult? value = null;
        string? valueNote = null;
        if (useCase.Value is not null)
        {
            progress?.Report(new("value", "pricing the use case"));
            // A value model that reads results only a trained model provides (decision.*, model.*) without a default
            // is priced after training: decided from the model's names, never from an error's text.
            var model = ValueModel.Load(useCase);
            var awaited = model.Expressions().SelectMany(expression => expression.References()).Select(reference => reference.Name)
                .Where(name => name.Contains('.') && model.FindParameter(name) is null).Distinct(StringComparer.Ordinal).ToList();
            if (awaited.Count == 0) value = ValueAnalysis.Run(useCase);
            else valueNote = $"'{awaited[0]}' is an external variable that a later stage provides, and none was given; the value model is priced with the trained model's figures";
        }

        progress?.Report(new("diagnose", "profiling and diagnosing the data"));
        var (profile, diagnosis) = DataAnalysis.Diagnose(useCase.FilePath, sourceOptions: new Data.Sources.SourceOptions { Logger = request.LoggerFactory.CreateLogger("Flywheel.Data") }, cancellation: cancellation);

        var training = await TrainWorkflow.RunAsync(useCase, request, progress, cancellation);
        var withModel = useCase.Value is null ? null : ValueAnalysis.Run(useCase, measured: ModelMeasurements.Of(training.Version, training.Test));

        progress?.Report(new("report", "writing the report pages"));
        var reports = new List<string>();
        // The value page shows what the model just measured; the plan's placeholders stay in RunOutcome.Value.
        if ((withModel ?? value) is { } priced)
        {
            var path = Path.Combine(reportDirectory, "value.html");
            // After training, so the plan's ML step is judged on the model just registered as @candidate.
            var plan = useCase.Plan is null ? null : await PlanWorkflow.RunAsync(useCase, request.ResolvedStore, cancellation);
            ValueReport.Build(priced, plan).Save(path);
            reports.Add(path);
        }
        var dataPath = Path.Combine(reportDirectory, "data.html");
        DataReport.Build(profile, diagnosis).Save(dataPath);
        reports.Add(dataPath);
        var modelPath = Path.Combine(reportDirectory, "model.html");
        ModelReport.Build(new ModelReportInput(useCase, training.Version, training.Record, training.Test, training.Validation)).Save(modelPath);
        reports.Add(modelPath);
        return new RunOutcome(value, valueNote, diagnosis, training, withModel, reports);
    }
}
