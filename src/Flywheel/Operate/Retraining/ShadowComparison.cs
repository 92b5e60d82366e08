using Flywheel.Evaluation.Decisions;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Quality;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Tasks;
using Flywheel.UseCases;

namespace Flywheel.Operate.Retraining;

/// <summary>What one side of a shadow comparison answered on the paired rows, and what that earned where the outcome is known.</summary>
/// <param name="ModelVersions">The versions that answered, oldest first (a hot swap in the window gives several).</param>
/// <param name="Value">Priced as monitoring prices the realized value (<see cref="RealizedValues"/>), on the paired rows with a label; null without labels or prices.</param>
/// <param name="PositiveRows">Binary only: the paired rows decided positive automatically (the offers made); null for other tasks.</param>
public sealed record ShadowSide(string Role, IReadOnlyList<string> ModelVersions, int Rows, int ReviewRows, int? PositiveRows, ShadowValue? Value);

/// <summary>Value per item and per day (at <c>decision.volume</c>, else the window's paired rows per day) on <see cref="Items"/> labelled rows.</summary>
public sealed record ShadowValue(double PerItem, double PerDay, string Currency, long Items);

/// <summary>
/// The shadow's answers beside the champion's on the same requests of the window: how many requests both answered
/// (paired by inference id), how often they took the same decision (<c>review</c>, else the predicted label; for
/// regression <c>review</c> or <c>automatic</c>) and predicted the same label (classification only), the mean absolute
/// difference of their scores, and each side's value where ground truth or a person's label exists;
/// <see cref="ValuePerItemAdded"/> is the shadow's value per item minus the champion's on those rows.
/// </summary>
public sealed record ShadowComparisonReport(
    string Endpoint,
    DateTimeOffset From,
    DateTimeOffset To,
    string? ShadowVariant,
    int PairedRequests,
    int PairedRows,
    int UnpairedChampionRequests,
    int UnpairedShadowRequests,
    double? DecisionAgreement,
    double? LabelAgreement,
    double? MeanAbsoluteScoreDifference,
    int LabelledRows,
    double? ValuePerItemAdded,
    ShadowSide Champion,
    ShadowSide Shadow,
    IReadOnlyList<string> Notices);

/// <summary>
/// Compares a shadow variant with the champion on the captured window. The capture writes the shadow's record apart
/// (its own variant folder, <c>shadow: true</c>) with the inference id of the live request it copies, so a pair is one
/// live and one shadow record of the same inference id; a request whose two answers decode to different row counts is
/// left out (counted as unpaired on both sides). Each side is decoded with the package of its newest version in the
/// window. Pure computation: nothing is stored.
/// </summary>
public sealed class ShadowComparison(MetadataStore registry, CaptureReader capture, IHumanLabels? humanLabels = null)
{
    public async Task<ShadowComparisonReport> CompareAsync(string endpoint, UseCase useCase, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation = default)
    {
        if (to <= from) throw new InputException($"the window is empty: 'since' ({from:O}) must be before 'until' ({to:O})", "since");
        var notices = new List<string>();
        var query = new CaptureQuery(endpoint) { Since = from, Until = to, WithGroundTruth = true };
        var records = capture.Read(query, cancellation).ToList();
        var live = FirstPerInference(records.Where(r => !r.Shadow));
        var shadow = FirstPerInference(records.Where(r => r.Shadow));
        var paired = live.Keys.Where(shadow.ContainsKey).ToList();
        var shadowVariant = records.LastOrDefault(r => r.Shadow)?.Variant;
        if (shadowVariant is null) notices.Add("no shadow variant answered in the window: deploy one (a retrain job with shadow: true) and send traffic");
        else if (paired.Count == 0) notices.Add("the shadow and the champion answered no request in common in the window");

        var championRecords = paired.Select(id => live[id]).ToList();
        var shadowRecords = paired.Select(id => shadow[id]).ToList();
        var champion = await DecodeAsync(championRecords, cancellation);
        var challenger = await DecodeAsync(shadowRecords, cancellation);
        var pairs = champion is null || challenger is null ? [] : RowPairs(champion, challenger);
        var pairedRequests = pairs.Select(p => champion!.Request[p.Champion]).Distinct().Count();
        var mismatched = paired.Count - pairedRequests;
        if (mismatched > 0) notices.Add($"{mismatched} request(s) answered by both were left out: their answers did not decode to the same rows");

        var human = humanLabels is null || pairs.Count == 0 ? [] : await humanLabels.ListAsync(endpoint, from, null, cancellation);
        var settings = useCase.Decision is { } section ? DecisionSettings.From(section) : null;
        if (settings is null) notices.Add("no prices: the use case has no 'decision' section, so the value of each side is not computed");
        var days = Math.Max((to - from).TotalDays, 1.0 / 24);
        (ShadowValue? Champion, ShadowValue? Shadow, int Labelled) priced = champion is null || challenger is null || pairs.Count == 0
            ? (null, null, 0)
            : Value(champion, challenger, pairs, human, settings, pairs.Count / days);
        var (championValue, shadowValue, labelled) = priced;
        if (pairs.Count > 0 && labelled == 0) notices.Add("no paired row has ground truth or a person's label yet: the value of each side waits for labels");

        var regression = champion?.Spec.Task == MlTask.Regression;
        var scoreDifferences = pairs.Where(p => double.IsFinite(champion!.Scores[p.Champion]) && double.IsFinite(challenger!.Scores[p.Shadow]))
            .Select(p => Math.Abs(champion!.Scores[p.Champion] - challenger!.Scores[p.Shadow])).ToList();
        return new ShadowComparisonReport(
            endpoint, from, to, shadowVariant, pairedRequests, pairs.Count,
            live.Count - pairedRequests, shadow.Count - pairedRequests,
            Share(pairs, p => Decision(champion!, p.Champion) == Decision(challenger!, p.Shadow)),
            regression ? null : Share(pairs, p => champion!.Predicted[p.Champion] == challenger!.Predicted[p.Shadow]),
            scoreDifferences.Count == 0 ? null : scoreDifferences.Average(),
            labelled,
            championValue is null || shadowValue is null ? null : shadowValue.PerItem - championValue.PerItem,
            Side("champion", championRecords, champion, pairs.Select(p => p.Champion), championValue),
            Side("shadow", shadowRecords, challenger, pairs.Select(p => p.Shadow), shadowValue),
            notices);
    }

    /// <summary>A request's first record on one side (a retried capture can write it twice), by inference id (else event id).</summary>
    private static Dictionary<string, CapturedRecord> FirstPerInference(IEnumerable<CapturedRecord> records)
    {
        var first = new Dictionary<string, CapturedRecord>(StringComparer.Ordinal);
        foreach (var record in records) first.TryAdd(record.InferenceId.Length > 0 ? record.InferenceId : record.EventId, record);
        return first;
    }

    private async Task<WindowRows?> DecodeAsync(IReadOnlyList<CapturedRecord> records, CancellationToken cancellation)
    {
        if (records.Count == 0) return null;
        var newest = records.MaxBy(r => r.Time)!.ModelVersion;
        var package = (await new ModelCatalog(registry).ResolveAsync(newest, cancellation)).Package;
        return WindowDecoder.Decode(ServingSpec.FromManifest(package.Manifest, package.Path), records, cancellation: cancellation);
    }

    /// <summary>Row i of a request on one side with row i of the same request on the other, for requests both decoded to the same number of answered rows.</summary>
    private static List<(int Champion, int Shadow)> RowPairs(WindowRows champion, WindowRows shadow)
    {
        var championRows = RowsPerRequest(champion);
        var shadowRows = RowsPerRequest(shadow);
        var pairs = new List<(int, int)>();
        for (var q = 0; q < championRows.Length; q++)
        {
            var (a, b) = (championRows[q], shadowRows[q]);
            if (a.Count == 0 || a.Count != b.Count || a.Any(r => !Answered(champion, r)) || b.Any(r => !Answered(shadow, r))) continue;
            for (var i = 0; i < a.Count; i++) pairs.Add((a[i], b[i]));
        }
        return pairs;
    }

    private static List<int>[] RowsPerRequest(WindowRows window)
    {
        var rows = Enumerable.Range(0, window.Requests.Count).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < window.Count; r++) rows[window.Request[r]].Add(r);
        return rows;
    }

    private static bool Answered(WindowRows window, int row) => double.IsFinite(window.Scores[row]) || window.Predicted[row] is not null;

    private static string? Decision(WindowRows window, int row) =>
        window.Reviewed[row] ? CsvPredictor.ReviewDecision
        : window.Spec.Task == MlTask.Regression ? CsvPredictor.AutomaticDecision
        : window.Predicted[row];

    private static double? Share(IReadOnlyList<(int Champion, int Shadow)> pairs, Func<(int Champion, int Shadow), bool> same) =>
        pairs.Count == 0 ? null : (double)pairs.Count(same) / pairs.Count;

    /// <summary>Both sides priced on the paired rows that have a label (the same rows for both: labels are joined by inference id).</summary>
    private static (ShadowValue? Champion, ShadowValue? Shadow, int Labelled) Value(WindowRows champion, WindowRows shadow,
        IReadOnlyList<(int Champion, int Shadow)> pairs, IReadOnlyList<HumanLabel> human, DecisionSettings? settings, double rowsPerDay)
    {
        var championLabelled = LabelledRows.Join(champion, human);
        var shadowLabelled = LabelledRows.Join(shadow, human);
        var championAt = championLabelled.Rows.Select((row, i) => (row, i)).ToDictionary(p => p.row, p => p.i);
        var shadowAt = shadowLabelled.Rows.Select((row, i) => (row, i)).ToDictionary(p => p.row, p => p.i);
        var both = pairs.Where(p => championAt.ContainsKey(p.Champion) && shadowAt.ContainsKey(p.Shadow)).ToList();
        if (both.Count == 0 || settings is null) return (null, null, both.Count);
        var championRows = championLabelled.Subset(both.Select(p => championAt[p.Champion]).ToList());
        var shadowRows = shadowLabelled.Subset(both.Select(p => shadowAt[p.Shadow]).ToList());
        return (Priced(champion.Spec, settings, championRows, rowsPerDay), Priced(shadow.Spec, settings, shadowRows, rowsPerDay), both.Count);
    }

    private static ShadowValue? Priced(ServingSpec spec, DecisionSettings settings, LabelledRows rows, double rowsPerDay) =>
        RealizedValues.Measure(spec, settings, rows, null, rowsPerDay) is { } value ? new ShadowValue(value.PerItem, value.PerDay, value.Currency, value.Items) : null;

    private static ShadowSide Side(string role, IReadOnlyList<CapturedRecord> records, WindowRows? window, IEnumerable<int> rows, ShadowValue? value)
    {
        var versions = records.GroupBy(r => r.ModelVersion).OrderBy(g => g.Min(r => r.Time)).Select(g => g.Key).ToList();
        if (window is null) return new ShadowSide(role, versions, 0, 0, null, value);
        var list = rows.ToList();
        var positive = window.Spec.Task == MlTask.Binary ? window.Spec.BinaryClasses().Positive : null;
        return new ShadowSide(role, versions, list.Count, list.Count(r => window.Reviewed[r]),
            positive is null ? null : list.Count(r => !window.Reviewed[r] && window.Predicted[r] == positive), value);
    }
}
