using System.Diagnostics;
using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Flywheel.Evaluation;
using Flywheel.Evaluation.Decisions;
using Flywheel.Evaluation.Importance;
using Flywheel.Evaluation.Results;
using Flywheel.Serving;
using Flywheel.Tasks;
using Flywheel.Telemetry;
using Flywheel.Training;
using Flywheel.Training.Search;
using Flywheel.Training.Trainers;
using Flywheel.UseCases;
using Flywheel.Workflows.Baselines;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Flywheel.Workflows;

/// <summary>
/// Train and test in one call: read the data, detect the task, prepare the splits, search, refit, evaluate on test
/// (metrics, curves, decision analysis with the validation threshold, permutation importance, latency), and write a
/// model package. The budget covers the whole job: the search gets what is left after loading and preparing, less
/// <see cref="EvaluationShare"/> of the budget for evaluation and packaging, and stops early enough for the
/// learning curve and refit (<see cref="FinishingTime"/>).
/// </summary>
public static class TrainWorkflow
{
    /// <summary>Single-row predictions timed for the latency figures.</summary>
    public const int LatencyRows = 200;

    /// <summary>Shuffles per column for permutation importance.</summary>
    public const int ImportanceRepeats = 3;

    /// <summary>
    /// At most this many row predictions for permutation importance (columns × shuffles × rows × the ensemble's
    /// members): on wide or long test splits a seeded sample of the test rows keeps it to seconds.
    /// </summary>
    public const int ImportanceRowScorings = 150_000;

    /// <summary>The fewest test rows permutation importance is computed on, however wide the table.</summary>
    public const int ImportanceMinimumRows = 200;

    /// <summary>Share of the budget kept for what follows training: test evaluation, importance, latency, packaging.</summary>
    public const double EvaluationShare = 0.05;

    public static TrainOutcome Run(UseCase useCase, TrainRequest request, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default) =>
        RunAsync(useCase, request, progress, cancellation).GetAwaiter().GetResult();

    public static async Task<TrainOutcome> RunAsync(UseCase useCase, TrainRequest request, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var data = useCase.Data ?? throw new InputException("the use case has no 'data' section; add one with 'source' and 'target' to train", useCase.FilePath);
        if (data.Target is null) throw data.Position.Error("'data.target' names the column to predict; training needs it");
        var seed = request.Seed ?? useCase.Training?.Seed ?? data.Split.Seed;
        // Cancelled before anything happened: leave no store behind, not even a cancelled run.
        cancellation.ThrowIfCancellationRequested();
        // The run is in the store from the start, so a training that fails, is cancelled or dies is on record too.
        var run = await TrainingRun.StartAsync(useCase, seed, request.ResolvedStore, cancellation);
        try
        {
            return await RunAsync(useCase, request, run, progress, cancellation);
        }
        catch (Exception error)
        {
            await run.EndAsync(error);
            throw;
        }
    }

    private static async Task<TrainOutcome> RunAsync(UseCase useCase, TrainRequest request, TrainingRun run, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var data = useCase.Data ?? throw new InputException("the use case has no 'data' section; add one with 'source' and 'target' to train", useCase.FilePath);
        var target = data.Target ?? throw data.Position.Error("'data.target' names the column to predict; training needs it");
        var seed = request.Seed ?? useCase.Training?.Seed ?? data.Split.Seed;
        var budget = request.Budget ?? useCase.Training?.Budget ?? TimeSpan.FromSeconds(60);

        var clock = Stopwatch.StartNew();
        var stages = new StageTimes();
        using var activity = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Train, "flywheel.use_case", useCase.Name);
        var log = request.LoggerFactory.CreateLogger("Flywheel.Training");
        log.LogInformation("training {UseCase}: target {Target}, budget {Budget} s, seed {Seed}", useCase.Name, target, budget.TotalSeconds, seed);
        progress?.Report(new("load", $"reading {data.Source.Value}"));
        var sourceOptions = new SourceOptions { Logger = request.LoggerFactory.CreateLogger("Flywheel.Data") };
        var source = stages.Time("load", () => ColumnTableReader.Read(SourceSpec.FromUseCase(useCase), null, sourceOptions, cancellation));
        var appended = request.AdditionalRows?.RowCount ?? 0;
        var table = appended > 0 ? AppendedRows.Append(source, request.AdditionalRows!) : source;
        if (appended > 0) log.LogInformation("training on {Rows} additional rows besides the {Source} source rows", appended, source.RowCount);
        var targetColumn = table.Get(target, "'data.target'");
        var detection = TaskDetector.Detect(TargetSummaries.Of(targetColumn), target, useCase.Training);
        var task = detection.Task;

        progress?.Report(new("prepare", $"{detection.Task.Name()} ({detection.Reason}); splitting and preprocessing"));
        var prepared = stages.Time("prepare", () => DataPreparation.Prepare(table, PreparationOptions.From(useCase, task) with { AppendedRows = appended }, null, new MLContext(seed)));
        cancellation.ThrowIfCancellationRequested();
        var classCount = task == MlTask.Multiclass ? prepared.Label.Classes.Count : 0;
        var train = FeatureTable.FromDataView(prepared.Train, task, classCount);
        var validation = FeatureTable.FromDataView(prepared.Validation, task, classCount);
        var test = FeatureTable.FromDataView(prepared.Test, task, classCount);

        var decision = useCase.Decision is { } section ? DecisionSettings.From(section) : null;
        var scorer = EvaluationScorer.For(task, prepared.Label, useCase.Training?.Objective, decision, useCase.Training?.Position);
        var trainers = TrainerCatalog.For(task, useCase.Training?.Trainers);

        progress?.Report(new("search", $"searching {string.Join(", ", trainers.Select(t => t.Name))} for {budget.TotalSeconds:0}s by {scorer.ObjectiveName}"));
        var searchProgress = new ForwardProgress<SearchProgress>(p =>
        {
            run.Record(p.Latest);
            progress?.Report(new("search", $"trial {p.TrialsDone}", p));
        });
        var curveScorer = EvaluationScorer.For(task, prepared.Label, task.CurveMetric(), null);
        var trainingBudget = budget - clock.Elapsed - budget * EvaluationShare;
        var options = new SearchOptions(trainingBudget > TimeSpan.Zero ? trainingBudget : TimeSpan.Zero, seed, request.MaxTrials, useCase.Training?.Ensemble ?? true) { Logger = log };
        var result = stages.Time("search, learning curve and refit", () => ModelTrainer.Train(train, validation, trainers, scorer, options, searchProgress, cancellation, curveScorer));

        cancellation.ThrowIfCancellationRequested();
        progress?.Report(new("evaluate", "evaluating on the test split"));
        var testPredictions = TrialRunner.Predict(result.Model, test, seed);
        var validationReport = Evaluate(task, result.ValidationPredictions, prepared.Label);
        var testReport = Evaluate(task, testPredictions, prepared.Label);
        var labelled = (SplitName name) => prepared.Split.RowsIn(name).Where(row => !targetColumn.IsMissing(row)).ToList();
        var testRows = labelled(SplitName.Test);
        var nonTestRows = labelled(SplitName.Train).Concat(labelled(SplitName.Validation)).ToList();
        var choiceRows = result.DecisionRows.Rows.Select(position => nonTestRows[position]).ToList();
        var ruleScores = task == MlTask.Binary || decision is not null ? PlanRuleScores(useCase, table, choiceRows, testRows) : [];
        var decided = decision is null ? null
            : Decide(task, decision, result.DecisionRows, testPredictions, train, prepared.Label, ruleScores, seed);
        if (decided is not null)
        {
            testReport = testReport with { Decision = decided.Test };
            validationReport = validationReport with { Decision = decided.Choice };
        }
        var rule = decided?.Rule;

        var chain = prepared.Transformer.Append(result.Model);
        var spec = new ServingSpec(
            task,
            prepared.InputColumns.Select(column => new ServingInputColumn(column.Name, column.IsNumeric)).ToList(),
            prepared.Label.Classes,
            new ServingPolicy(target, prepared.Label.Positive, prepared.Label.Transform == TargetTransformKind.Log,
                rule?.Threshold ?? (task == MlTask.Binary ? 0.5 : null), rule?.ReviewLower, rule?.ReviewUpper,
                decision?.Currency is { Length: > 0 } currency ? currency : null))
        {
            Dialect = table.Dialect ?? CsvDialect.Legacy,
        };
        var scoring = new ScoringModel(chain, spec);
        var rawTest = RawPermutableRows.Subset(table, testRows, prepared.InputColumns.Select(column => column.Name));

        progress?.Report(new("latency", $"timing {Math.Min(LatencyRows, rawTest.RowCount)} single-row predictions"));
        var latency = rawTest.RowCount == 0 ? null : stages.Time("latency", () => Latency(scoring, rawTest, cancellation));
        PermutationImportanceResult? importance = null;
        if (request.Importance && rawTest.RowCount > 0)
        {
            progress?.Report(new("importance", "permutation importance on the test split"));
            var models = result.Ensemble?.Members.Count ?? 1;
            using var importanceSpan = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Importance, "flywheel.columns", rawTest.Columns.Count);
            importance = stages.Time("importance", () => Importance(chain, models, prepared, rawTest, test, task, seed, cancellation));
        }

        var record = new TrainingRecord(
            useCase.Name, task.Name(), detection.Reason, target, scorer.ObjectiveName, scorer.HigherIsBetter,
            result.Search.Validation, seed, budget.TotalSeconds,
            result.Search.Trials.Select(TrialRecord.From).ToList(), result.Search.Best.Number,
            result.Ensemble?.Describe() ?? result.Trainer.Name, result.Hyperparameters.Values, result.Curve, result.Diagnosis,
            prepared.DataFingerprint, prepared.Split.Fingerprint,
            new Dictionary<string, int> { ["train"] = train.RowCount, ["validation"] = validation.RowCount, ["test"] = test.RowCount },
            importance, latency, stages.Seconds, typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "unknown",
            result.Ensemble is { } ensemble ? EnsembleRecord.From(ensemble) : null);

        cancellation.ThrowIfCancellationRequested();
        progress?.Report(new("baseline", "computing the monitoring baseline of the training data"));
        var baseline = PackageBaseline.Build(useCase, table, labelled(SplitName.Train), prepared.InputColumns, testRows, testPredictions, spec, seed);

        cancellation.ThrowIfCancellationRequested();
        progress?.Report(new("package", "writing and registering the model package"));
        using var publishing = FlywheelTelemetry.Start(FlywheelTelemetry.Spans.Publish, "flywheel.model", useCase.Name);
        // A binary package keeps its scored rows, so the decision explorer can price any threshold and band later.
        var decisionRows = task == MlTask.Binary
            ? new Dictionary<string, byte[]> { [DecisionRowsFile.FileName] = DecisionRowsFile.From(result.DecisionRows, testPredictions.ToBinary(), prepared.Label.BinaryClasses(), ruleScores).ToBytes() }
            : null;
        var published = await ModelPublisher.PublishAsync(useCase, prepared.Context, chain, prepared, spec, record, testReport, validationReport, run, cancellation, baseline, decisionRows);
        log.LogInformation("published {Model}:{Version} ({Package}) as @candidate", published.Version.ModelName, published.Version.Version, published.Package.Id);
        return new TrainOutcome(record, testReport, validationReport, result, published.Package.Path, published.Package.Id,
            $"{published.Version.ModelName}:{published.Version.Version}", published.RunId)
        {
            TestPredictions = testPredictions,
            TestRows = testRows,
            Labels = prepared.Label,
        };
    }

    /// <summary>
    /// The decision analysis for the task the use case prices: the policy chosen on the decision rows (validation, or
    /// out-of-fold when validation is small), the non-ML alternatives and the plan's rules priced beside it, reported
    /// on test. Null when the decision section does not price this task.
    /// </summary>
    private static DecisionOutcome? Decide(MlTask task, DecisionSettings decision, DecisionRows chosenOn, Predictions test, FeatureTable train,
        LabelMapping labels, IReadOnlyList<RuleScores> rules, int seed) => task switch
    {
        MlTask.Binary when decision.Binary is { } outcomes => DecisionAnalysis.Binary(
            chosenOn.Predictions.ToBinary(), chosenOn.Description, test.ToBinary(), rules, outcomes, decision.Options,
            labels.BinaryClasses().Negative, labels.BinaryClasses().Positive, seed),
        MlTask.Multiclass when decision.Multiclass is { } matrix => DecisionAnalysis.Multiclass(
            chosenOn.Predictions.ToMulticlass(labels.Classes), chosenOn.Description, test.ToMulticlass(labels.Classes), labels.Classes, matrix, decision.Options, seed),
        MlTask.Regression when decision.Regression is { } costs => DecisionAnalysis.Regression(
            chosenOn.Predictions.ToRegression(labels), chosenOn.Description, test.ToRegression(labels),
            train.Labels.Select(labels.ToTarget).ToArray(), costs, decision.Options, seed),
        _ => null,
    };

    /// <summary>The plan's rule steps scored on the decision rows and the test rows (none until the use case declares a plan).</summary>
    private static IReadOnlyList<RuleScores> PlanRuleScores(UseCase useCase, ColumnTable table, IReadOnlyList<int> choiceRows, IReadOnlyList<int> testRows) =>
        useCase.Plan is null ? [] : PlanRules.Compile(useCase, table)
            .Select(compiled => new RuleScores(compiled.Step.Name, compiled.Step.Rule?.Value ?? "",
                PlanRules.Scores(compiled.Rule, table, choiceRows), PlanRules.Scores(compiled.Rule, table, testRows)))
            .ToList();


    public static EvaluationReport Evaluate(MlTask task, Predictions predictions, LabelMapping labels) => task switch
    {
        MlTask.Binary => Evaluator.Binary(predictions.ToBinary(), labels.BinaryClasses()),
        MlTask.Multiclass => Evaluator.Multiclass(predictions.ToMulticlass(labels.Classes)),
        _ => Evaluator.Regression(predictions.ToRegression(labels)),
    };

    private static LatencySummary Latency(ScoringModel scoring, ColumnTable rows, CancellationToken cancellation)
    {
        var columns = rows.Columns.Select(column => column.Name).ToList();
        var count = Math.Min(LatencyRows, rows.RowCount);
        var singles = Enumerable.Range(0, count).Select(i => RawPermutableRows.Subset(rows, [i], columns)).ToList();
        scoring.Score(singles[0]); // the first call compiles the chain
        var durations = new List<TimeSpan>(count);
        foreach (var single in singles)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            scoring.Score(single);
            durations.Add(clock.Elapsed);
        }
        return LatencySummary.Of(durations);
    }

    /// <summary>
    /// How many test rows permutation importance scores: all of them unless columns × repeats × ensemble members ×
    /// rows would exceed <see cref="ImportanceRowScorings"/>, and never fewer than <see cref="ImportanceMinimumRows"/>.
    /// </summary>
    internal static int ImportanceRows(int testRows, int columns, int models) =>
        Math.Min(testRows, Math.Max(ImportanceMinimumRows, ImportanceRowScorings / Math.Max(1, columns * ImportanceRepeats * models)));

    /// <summary>
    /// Drop in a fixed metric (AUC, accuracy, RMSE) when one raw input column is shuffled on the test rows (a seeded
    /// sample of them when scoring all would exceed <see cref="ImportanceRowScorings"/>).
    /// </summary>
    private static PermutationImportanceResult Importance(ITransformer chain, int models, PreparedData prepared, ColumnTable rawTest, FeatureTable test, MlTask task, int seed, CancellationToken cancellation)
    {
        var scorer = EvaluationScorer.For(task, prepared.Label, task.HeadlineMetric(), null);
        var sampled = ImportanceRows(rawTest.RowCount, rawTest.Columns.Count, models);
        if (sampled < rawTest.RowCount)
        {
            var rows = Enumerable.Range(0, rawTest.RowCount).ToArray();
            new Random(seed).Shuffle(rows);
            var chosen = rows.Take(sampled).Order().ToList();
            rawTest = RawPermutableRows.Subset(rawTest, chosen, rawTest.Columns.Select(column => column.Name));
            test = test.Rows(chosen);
        }
        double Score(IPermutableDataset rows)
        {
            cancellation.ThrowIfCancellationRequested();
            var view = ServingInput.ToDataView(((RawPermutableRows)rows).Rows, prepared.InputColumns);
            return scorer.Score(Predictions.Read(chain.Transform(view), task, test.Labels)).Objective;
        }
        return PermutationImportance.Compute(new RawPermutableRows(rawTest), Score, scorer.HigherIsBetter, new PermutationImportanceOptions(ImportanceRepeats, seed));
    }
}
