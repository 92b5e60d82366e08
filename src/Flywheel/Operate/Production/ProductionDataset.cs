using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flywheel.Operate.Production;

/// <summary>Where a production label came from; when several exist for one row the first of <see cref="Precedence"/> wins.</summary>
public static class LabelSources
{
    public const string GroundTruth = "ground_truth";
    public const string Review = "review";
    public const string Feedback = "feedback";

    public static IReadOnlyList<string> Precedence { get; } = [GroundTruth, Review, Feedback];

    public static int Rank(string source) => Precedence.ToList().IndexOf(source) is var rank and >= 0 ? rank : Precedence.Count;
}

/// <summary>An input column of the labelled production rows, in the package's input order.</summary>
public sealed record ProductionColumn(string Name, bool Numeric);

/// <summary>
/// One labelled production row: the captured request row <see cref="Row"/> (0-based) of inference
/// <see cref="InferenceId"/>, its decoded inputs by <see cref="ProductionDataset.Columns"/> position (numbers NaN
/// when missing, texts null), the label and where it came from, when it was inferred and by which model version.
/// </summary>
public sealed record ProductionRow(string InferenceId, int Row, DateTimeOffset InferenceTime, string ModelVersion, string Label, string Source, double[] Numbers, string?[] Texts)
{
    /// <summary>The key a human label names: the inference id for a one-row request, <c>&lt;inferenceId&gt;#&lt;row&gt;</c> otherwise.</summary>
    public static string Key(string inferenceId, int row) => $"{inferenceId}#{row.ToString(CultureInfo.InvariantCulture)}";

    public object? Value(int column, bool numeric) => numeric ? (double.IsNaN(Numbers[column]) ? null : Numbers[column]) : Texts[column];
}

/// <summary>What was left out while building the dataset, so the count of labelled rows can be trusted.</summary>
public sealed record ProductionSkips(long Unlabelled, long Undecodable, long RejectedLabels, long AmbiguousLabels);

/// <summary>
/// The labelled production dataset of an endpoint over [<see cref="Since"/>, <see cref="Until"/>): captured inputs
/// joined to their labels, ordered by inference time (then inference id and row), so the same capture and labels always
/// give the same rows and the same <see cref="Fingerprint"/>.
/// </summary>
public sealed record ProductionDataset(
    string Endpoint,
    string Target,
    IReadOnlyList<ProductionColumn> Columns,
    IReadOnlyList<ProductionRow> Rows,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    ProductionSkips Skips)
{
    public const string InferenceIdColumn = "_inference_id";
    public const string LabelSourceColumn = "_label_source";
    public const string InferenceTimeColumn = "_inference_time";
    public const string ModelVersionColumn = "_model_version";

    /// <summary>Labelled rows per source (ground_truth, review, feedback), every source listed.</summary>
    public IReadOnlyDictionary<string, int> LabelCounts =>
        LabelSources.Precedence.ToDictionary(source => source, source => Rows.Count(row => row.Source == source));

    /// <summary>SHA-256 over the rows' canonical text: columns, then per row id, row, time, version, source, label and values.</summary>
    /// <remarks>Computed on each call: keep the value when it is needed twice.</remarks>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\u001f"));
        Add(Target);
        foreach (var column in Columns) Add($"{column.Name}:{(column.Numeric ? "n" : "t")}");
        foreach (var row in Rows)
        {
            Add("\u001e" + row.InferenceId);
            Add(row.Row.ToString(CultureInfo.InvariantCulture));
            Add(row.InferenceTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            Add(row.ModelVersion);
            Add(row.Source);
            Add(row.Label);
            for (var i = 0; i < Columns.Count; i++)
                Add(Columns[i].Numeric ? row.Numbers[i].ToString("R", CultureInfo.InvariantCulture) : row.Texts[i] ?? "\u0000");
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
