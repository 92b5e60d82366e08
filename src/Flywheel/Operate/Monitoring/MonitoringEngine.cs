using Flywheel.Evaluation.Decisions;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Quality;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flywheel.Operate.Monitoring;

/// <summary>
/// What one monitoring run reads: an endpoint's capture in [From, To), the use case it serves (thresholds, facets,
/// prices, owners), and the registry store its packages (and their baselines) are in.
/// </summary>
public sealed record MonitoringRequest(string Endpoint, UseCase UseCase, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Only this variant's capture; null reads every non-shadow variant.</summary>
    public string? Variant { get; init; }

    /// <summary>Read shadow variants' capture too (off by default: a shadow's answers were never acted on).</summary>
    public bool IncludeShadow { get; init; }

    /// <summary>Seeds the bootstrap and the attribution samples: same window and seed → same report.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// Computes a <see cref="MonitoringReport"/> from the captured window: the served packages' baselines against the
/// window's rows (decoded from the captured requests and responses), ground truth and human labels joined by
/// inference id. Pure computation: it stores nothing and raises no alert (see <c>Alerts</c>). The window is judged
/// against the package of the newest model version in it; rows other versions answered are read with its schema.
/// </summary>
public sealed class MonitoringEngine(MetadataStore registry, CaptureReader capture, IHumanLabels? humanLabels = null, ILogger? logger = null) : IMonitoringEngine
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    public MetadataStore Registry => registry;
    public CaptureReader Capture => capture;
    public IHumanLabels? HumanLabels => humanLabels;
    public ILogger? Logger => logger;

    public async Task<MonitoringReport> RunAsync(MonitoringRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        if (request.To <= request.From) throw new InputException($"the window is empty: 'from' ({request.From:O}) must be before 'to' ({request.To:O})", "window");
        var monitoring = request.UseCase.MonitoringOrDefault;
        var settings = Drift.DriftSettings.From(monitoring);
        var query = new CaptureQuery(request.Endpoint) { Since = request.From, Until = request.To, Variant = request.Variant, WithGroundTruth = true };
        var notices = new List<string>();
        progress?.Report(0);

        var newest = capture.Read(query with { NewestFirst = true, Limit = 50, WithGroundTruth = false }, cancellation)
            .FirstOrDefault(r => request.IncludeShadow || !r.Shadow);
        if (newest is null)
        {
            _log.LogInformation("monitoring {Endpoint}: no capture in [{From}, {To})", request.Endpoint, request.From, request.To);
            return Empty(request, settings, ["no captured requests in the window"]);
        }

        var package = (await new ModelCatalog(registry).ResolveAsync(newest.ModelVersion, cancellation)).Package;
        var spec = ServingSpec.FromManifest(package.Manifest, package.Path);
        var baseline = MonitoringBaseline.Load(package);
        if (baseline is null)
            notices.Add($"no baseline: {newest.ModelVersion} was packaged without a monitoring baseline; data-quality violations, drift and attribution drift are skipped (retrain to add one)");

        var keep = monitoring.Facets.Keys.ToHashSet(StringComparer.Ordinal);
        var window = WindowDecoder.Decode(spec, capture.Read(query, cancellation).Where(r => request.IncludeShadow || !r.Shadow), keep, cancellation);
        _log.LogInformation("monitoring {Endpoint}: {Rows} rows in {Requests} requests ({Unparsed} unparsed) against {Model}",
            request.Endpoint, window.Count, window.Evidence.Requests, window.Evidence.UnparsedRequests, newest.ModelVersion);
        if (window.Evidence.UnparsedRequests > 0) notices.Add($"{window.Evidence.UnparsedRequests} of {window.Evidence.Requests} requests did not parse; first: {window.Evidence.FirstError}");
        progress?.Report(0.3);

        var violations = new List<Violation>();
        var drift = new DriftStep.Result([], DriftStep.None(settings), [], []);
        var minRows = (int)monitoring.Threshold(MonitoringThresholds.MinRows);
        var enoughRows = window.Count > 0 && window.Count >= minRows;
        if (baseline is not null)
        {
            violations.AddRange(DataQualityChecks.Check(window, baseline.Constraints, monitoring, AllowedExtras(request.UseCase, spec)));
            if (enoughRows) drift = DriftStep.Run(window, baseline, settings, cancellation);
            else if (window.Count > 0) notices.Add($"too few rows: the window has {window.Count}, and drift and attribution drift are judged from {minRows} (monitoring.thresholds.{MonitoringThresholds.MinRows})");
            violations.AddRange(drift.Violations);
            if (drift.Dataset.Drifted)
                violations.Add(new Violation(null, CheckTypes.DatasetDrift,
                    $"{drift.Dataset.DriftedColumns} of {drift.Dataset.Columns} columns drifted ({drift.Dataset.Share:P0}, threshold {drift.Dataset.Threshold:P0})", drift.Dataset.Share, drift.Dataset.Threshold));
        }
        progress?.Report(0.6);

        var human = humanLabels is null ? [] : await humanLabels.ListAsync(request.Endpoint, request.From, null, cancellation);
        var labelled = LabelledRows.Join(window, human);
        var stored = StoredEvaluation.Load(package);
        var expected = stored.Test.Metrics.Where(m => m.Value is not null).ToDictionary(m => m.Name, m => m.Value!.Value, StringComparer.Ordinal);
        var quality = labelled.Count == 0 ? null : ModelQuality.Measure(spec, labelled, expected, request.From, request.To, request.Seed);
        var enoughLabels = labelled.Count >= minRows;
        if (quality is null) notices.Add("no labelled rows yet: model quality and realized value wait for ground truth or review decisions");
        else if (!enoughLabels) notices.Add($"too few labels: {labelled.Count} labelled rows; model quality, realized value and bias are reported but judged only from {minRows} (monitoring.thresholds.{MonitoringThresholds.MinRows})");
        else violations.AddRange(QualityViolations(quality, stored, monitoring));
        var qualityOverTime = quality is null ? [] : ModelQuality.OverTime(spec, labelled, request.From, request.To);

        RealizedValue? realized = null;
        IReadOnlyList<ValuePoint> valueOverTime = [];
        var days = Math.Max((request.To - request.From).TotalDays, 1.0 / 24);
        if (quality is not null && request.UseCase.Decision is { } section)
        {
            var prices = DecisionSettings.From(section);
            realized = RealizedValues.Measure(spec, prices, labelled, stored.Test.Decision, window.Count / days);
            valueOverTime = RealizedValues.PerDay(spec, prices, labelled, window.Count / days);
            if (realized is { } value && double.IsFinite(value.PromisedPerItem))
            {
                var floor = value.PromisedPerItem - monitoring.Threshold(MonitoringThresholds.ValueShortfall) * Math.Abs(value.PromisedPerItem);
                if (enoughLabels && value.PerItem < floor)
                    violations.Add(new Violation(null, CheckTypes.RealizedValue,
                        $"realized {value.PerItem:N1} {value.Currency} per item on {value.Items} labelled rows; the test split promised {value.PromisedPerItem:N1}", value.PerItem, floor));
            }
        }
        else if (quality is not null) notices.Add("no prices: the use case has no 'decision' section, so realized value is not computed");
        progress?.Report(0.75);

        var (bias, biasViolations) = BiasStep.Run(window, labelled, baseline, monitoring);
        if (enoughLabels) violations.AddRange(biasViolations);

        AttributionDrift? attribution = null;
        if (baseline is not null && !package.IsRule && enoughRows)
        {
            var model = new LoadedModel(ScoringModel.Load(package), newest.ModelVersion, package.Id, 1);
            var (found, violation) = AttributionStep.Run(model, window, baseline, monitoring, request.Seed);
            attribution = found;
            if (violation is not null) violations.Add(violation);
        }
        progress?.Report(1);

        return new MonitoringReport
        {
            Endpoint = request.Endpoint,
            UseCase = request.UseCase.Name,
            ModelVersions = window.Requests.GroupBy(r => r.ModelVersion).OrderBy(g => g.Min(r => r.Time)).Select(g => g.Key).ToList(),
            Window = new MonitoringWindow(request.From, request.To, window.Count),
            Violations = violations,
            Drift = drift.Drift,
            DatasetDrift = drift.Dataset,
            Quality = quality,
            RealizedValue = realized,
            Bias = bias,
            Attribution = attribution,
            Distributions = drift.Distributions,
            QualityOverTime = qualityOverTime,
            ValueOverTime = valueOverTime,
            Notices = notices,
            HasBaseline = baseline is not null,
        };
    }

    /// <summary>A metric the test split measured that fell more than <c>quality_drop</c> the wrong way.</summary>
    private static IEnumerable<Violation> QualityViolations(QualityReport quality, StoredEvaluation stored, MonitoringSection monitoring)
    {
        var drop = monitoring.Threshold(MonitoringThresholds.QualityDrop);
        foreach (var metric in stored.Test.Metrics)
        {
            if (metric.Value is not { } expected || !quality.Metrics.TryGetValue(metric.Name, out var now)) continue;
            var worse = metric.HigherIsBetter ? expected - now : now - expected;
            if (worse > drop)
                yield return new Violation(metric.Name, CheckTypes.ModelQuality,
                    $"{metric.Name} is {now:0.####} on {quality.Rows} labelled rows; the test split measured {expected:0.####}", now, metric.HigherIsBetter ? expected - drop : expected + drop);
        }
    }

    /// <summary>Fields a request may carry beside the inputs without an extra_column_check: the declared id, sensitive, date and target columns.</summary>
    private static IReadOnlySet<string> AllowedExtras(UseCase useCase, ServingSpec spec)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal) { spec.Policy.Target };
        if (useCase.Data is { } data)
        {
            allowed.UnionWith(data.Roles.Id);
            allowed.UnionWith(data.Roles.Sensitive);
            if (data.Roles.Date is { } date) allowed.Add(date);
        }
        return allowed;
    }

    private static MonitoringReport Empty(MonitoringRequest request, Drift.DriftSettings settings, IReadOnlyList<string> notices) => new()
    {
        Endpoint = request.Endpoint,
        UseCase = request.UseCase.Name,
        Window = new MonitoringWindow(request.From, request.To, 0),
        DatasetDrift = DriftStep.None(settings),
        Notices = notices,
    };
}
