namespace Flywheel.Operate.Batch;

/// <summary>
/// SageMaker's batch transform knobs (OPERATE.md §1). Flywheel scores in process, record by record, so
/// <see cref="SplitType"/> and <see cref="BatchStrategy"/> do not change the output (every record is scored once, in
/// input order); they are checked and kept so a request written for SageMaker is accepted as it is.
/// <see cref="MaxPayloadInMB"/> bounds one record. <see cref="JoinSource"/> <c>Input</c> writes each input record
/// before its prediction (exactly <c>flywheel predict</c>'s output); <c>None</c> writes the prediction only.
/// </summary>
public sealed record BatchTransformSettings
{
    public const string Csv = "text/csv";
    public const string JsonLines = "application/jsonlines";

    public string SplitType { get; init; } = "Line";
    public string BatchStrategy { get; init; } = "MultiRecord";
    public int MaxPayloadInMB { get; init; } = 6;
    public string ContentType { get; init; } = Csv;
    public string Accept { get; init; } = Csv;
    public string JoinSource { get; init; } = "Input";

    public bool JoinInput => JoinSource == "Input";
    public bool JsonLinesOutput => Accept == JsonLines;

    /// <summary>The settings with every value checked; a wrong one is an <see cref="InputException"/> naming its field.</summary>
    public BatchTransformSettings Validated()
    {
        OneOf(SplitType, "splitType", "Line", "None");
        OneOf(BatchStrategy, "batchStrategy", "SingleRecord", "MultiRecord");
        OneOf(JoinSource, "joinSource", "None", "Input");
        if (MaxPayloadInMB is < 1 or > 100) throw new InputException($"maxPayloadInMB must be between 1 and 100, not {MaxPayloadInMB}", "maxPayloadInMB");
        var content = MediaType(ContentType);
        if (content != Csv) throw new InputException($"contentType '{ContentType}' is not supported; batch input is {Csv} in the training file's dialect", "contentType");
        var accept = MediaType(Accept);
        if (accept is not (Csv or JsonLines)) throw new InputException($"accept '{Accept}' is not supported; one of {Csv}, {JsonLines}", "accept");
        return this with { ContentType = content, Accept = accept };
    }

    private static string MediaType(string value) => value.Split(';')[0].Trim().ToLowerInvariant();

    private static void OneOf(string value, string field, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new InputException($"{field} '{value}' is not one of {string.Join(", ", allowed)}", field);
    }
}
