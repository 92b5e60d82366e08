using Flywheel.Serving;

namespace Flywheel.Operate.Monitoring.Windows;

/// <summary>One captured request of the window: when, which version answered, and the label posted for it (if any).</summary>
public sealed record WindowRequest(string InferenceId, DateTimeOffset Time, string ModelVersion, string? GroundTruth);

/// <summary>
/// The window's rows decoded straight into columns, in the model's input order: numbers (NaN = missing or not a
/// number) and texts (null = missing); per row the request it came from and what the model answered (score, predicted
/// label, review); and the evidence of what did not fit the schema: values of another type, fields absent from or
/// unknown to the schema, requests that did not parse at all.
/// </summary>
public sealed class WindowRows
{
    internal WindowRows(ServingSpec spec, double[]?[] numbers, string?[]?[] texts, int[] request, double[] scores, string?[] predicted, bool[] reviewed,
        IReadOnlyList<WindowRequest> requests, IReadOnlyDictionary<string, string?[]> extras, WindowEvidence evidence)
    {
        Spec = spec;
        Numbers = numbers;
        Texts = texts;
        Request = request;
        Scores = scores;
        Predicted = predicted;
        Reviewed = reviewed;
        Requests = requests;
        Extras = extras;
        Evidence = evidence;
    }

    public ServingSpec Spec { get; }
    public int Count => Request.Length;

    /// <summary>Per input (schema order): the numbers of a numeric input, else null.</summary>
    public double[]?[] Numbers { get; }

    /// <summary>Per input (schema order): the texts of a text input, else null.</summary>
    public string?[]?[] Texts { get; }

    /// <summary>Per row: the index in <see cref="Requests"/> of its request.</summary>
    public int[] Request { get; }

    /// <summary>Per row: the captured score (binary: positive class's probability; regression: the prediction); NaN when the response did not say.</summary>
    public double[] Scores { get; }
    public string?[] Predicted { get; }
    public bool[] Reviewed { get; }
    public IReadOnlyList<WindowRequest> Requests { get; }

    /// <summary>Values of fields the schema does not read but that were kept on purpose (the sensitive facet columns), by name.</summary>
    public IReadOnlyDictionary<string, string?[]> Extras { get; }
    public WindowEvidence Evidence { get; }

    public int IndexOf(string feature)
    {
        for (var i = 0; i < Spec.Inputs.Count; i++)
            if (Spec.Inputs[i].Name == feature) return i;
        return -1;
    }

    /// <summary>A column's values as text (numbers in invariant form), from the inputs or the kept extras; null when neither has it.</summary>
    public string?[]? TextOf(string column)
    {
        var i = IndexOf(column);
        if (i < 0) return Extras.GetValueOrDefault(column);
        if (Texts[i] is { } texts) return texts;
        return Numbers[i]!.Select(v => double.IsNaN(v) ? null : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}

/// <summary>
/// What did not fit: per input, values of another type (text in a numeric column) and rows that lacked the field
/// (JSON records, short CSV rows); fields no input reads, by name, with the rows that carried them; how many rows
/// came as records (the denominator of the column checks); and the requests that did not parse, with a sample error.
/// </summary>
public sealed record WindowEvidence(
    long[] TypeErrors, long[] Missing, long[] Absent, IReadOnlyDictionary<string, long> ExtraFields, long RecordRows,
    long UnparsedRequests, long Requests, string? FirstError);
