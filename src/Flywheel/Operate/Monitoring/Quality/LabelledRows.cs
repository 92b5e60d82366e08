using System.Globalization;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.Storage;

namespace Flywheel.Operate.Monitoring.Quality;

/// <summary>
/// The window's rows that have an observed label, with what the model answered: ground truth joined by inference id
/// wins over a person's label (review or feedback) for the same inference. A request of several rows takes a ground
/// truth of as many lines (or values), one per row; a single label applies to a one-row request only.
/// </summary>
public sealed record LabelledRows(int[] Rows, string[] Labels, double[] Scores, string?[] Predicted, bool[] Reviewed, DateTimeOffset[] Times, string[] Sources)
{
    public int Count => Rows.Length;

    public LabelledRows Subset(IReadOnlyList<int> positions) => new(
        positions.Select(p => Rows[p]).ToArray(), positions.Select(p => Labels[p]).ToArray(), positions.Select(p => Scores[p]).ToArray(),
        positions.Select(p => Predicted[p]).ToArray(), positions.Select(p => Reviewed[p]).ToArray(), positions.Select(p => Times[p]).ToArray(),
        positions.Select(p => Sources[p]).ToArray());

    public static LabelledRows Join(WindowRows window, IReadOnlyList<HumanLabel> human)
    {
        var people = new Dictionary<string, HumanLabel>(StringComparer.Ordinal);
        foreach (var label in human.OrderBy(h => h.Source == "review" ? 1 : 0).ThenBy(h => h.At))
            people[label.InferenceId] = label; // a review decision outranks a feedback label, the newest of each wins
        var rowsOf = new int[window.Requests.Count];
        foreach (var request in window.Request) rowsOf[request]++;
        var rows = new List<int>();
        var labels = new List<string>();
        var sources = new List<string>();
        var offset = new int[window.Requests.Count];
        for (var r = 0; r < window.Count; r++)
        {
            var q = window.Request[r];
            var request = window.Requests[q];
            var within = offset[q]++;
            string? label = null, source = null;
            if (request.GroundTruth is { } truth && Split(truth, rowsOf[q]) is { } values)
                (label, source) = (values[within], "ground_truth");
            else if (rowsOf[q] == 1 && people.TryGetValue(request.InferenceId, out var person))
                (label, source) = (person.Label, person.Source);
            if (label is null || double.IsNaN(window.Scores[r]) && window.Predicted[r] is null) continue;
            rows.Add(r);
            labels.Add(label);
            sources.Add(source!);
        }
        return new LabelledRows(rows.ToArray(), labels.ToArray(), rows.Select(r => window.Scores[r]).ToArray(), rows.Select(r => window.Predicted[r]).ToArray(),
            rows.Select(r => window.Reviewed[r]).ToArray(), rows.Select(r => window.Requests[window.Request[r]].Time).ToArray(), sources.ToArray());
    }

    private static string[]? Split(string truth, int rows)
    {
        var text = truth.Trim();
        if (rows == 1) return [Unquote(text)];
        var values = text.Split(text.Contains('\n') ? '\n' : ',').Select(v => Unquote(v.Trim())).ToArray();
        return values.Length == rows ? values : null;
    }

    private static string Unquote(string text) => text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    /// <summary>A label as a number (regression), NaN when it is not one.</summary>
    public static double Number(string label) =>
        double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
