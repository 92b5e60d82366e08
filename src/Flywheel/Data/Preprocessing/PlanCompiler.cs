using System.Globalization;
using System.Text;
using Flywheel.Data.Sources;
using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// Turns a fitted plan into an ML.NET estimator chain that ends in a "Features" vector. The learned statistics are
/// baked in as constants (ML.NET's Expression transform for filling and scaling, a fixed key vocabulary for one-hot),
/// so fitting the chain learns nothing new except FeaturizeText's n-gram vocabulary — which is why it must be fitted
/// on the train view only. The fitted transformer reads only raw input columns, so serving applies it unchanged.
/// </summary>
public static class PlanCompiler
{
    public const string FeaturesColumn = "Features";

    public static IEstimator<ITransformer> Compile(MLContext context, FittedPlan fitted)
    {
        var parts = new List<string>();
        var chain = new List<IEstimator<ITransformer>>();
        var index = 0;
        foreach (var column in fitted.Plan.Features)
        {
            var statistics = fitted.Column(column.Name);
            var prefix = PartName(index++);
            switch (column.Treatment)
            {
                case ColumnTreatment.Numeric:
                    Numeric(context, chain, column, statistics, prefix, parts);
                    break;
                case ColumnTreatment.Text:
                    chain.Add(context.Transforms.Text.FeaturizeText(Part(parts, prefix), column.Name));
                    break;
                default:
                    Categorical(context, chain, column, statistics, prefix, parts);
                    break;
            }
        }
        if (parts.Count == 0)
            throw new InputException("no column is left to learn from: every column was dropped (see the plan's reasons)");
        chain.Add(context.Transforms.Concatenate(FeaturesColumn, [.. parts]));
        return new StepwiseEstimator(chain);
    }

    private static void Numeric(MLContext context, List<IEstimator<ITransformer>> chain, ColumnPlan column, FittedColumn statistics, string prefix, List<string> parts)
    {
        var filled = $"(isna(x) ? {Number(statistics.Median!.Value)} : x)";
        var expression = column.Scaling == Scaling.Standardize
            ? $"x => ({filled} - {Number(statistics.Mean!.Value)}) / {Number(Divisor(statistics.StandardDeviation!.Value))}"
            : $"x => {filled}";
        chain.Add(context.Transforms.Expression(Part(parts, prefix), expression, column.Name));
        if (column.MissingIndicator)
            chain.Add(context.Transforms.Expression(Part(parts, MissingPartName(prefix)), "x => isna(x) ? 1.0 : 0.0", column.Name));
    }

    private static void Categorical(MLContext context, List<IEstimator<ITransformer>> chain, ColumnPlan column, FittedColumn statistics, string prefix, List<string> parts)
    {
        var filled = prefix + ".filled";
        var input = column.Name;
        if (column.Kind == ColumnKind.Boolean)
        {
            input = prefix + ".boolean";
            chain.Add(context.Transforms.Expression(input, BooleanText.Expression, column.Name));
        }
        chain.Add(context.Transforms.Expression(filled, $"s => len(s) == 0 ? {Text(statistics.Mode!)} : s", input));
        switch (column.Treatment)
        {
            case ColumnTreatment.OneHot:
                chain.Add(context.Transforms.Conversion.MapValueToKey(prefix + ".key", filled,
                    keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: Vocabulary(context, statistics.Vocabulary!)));
                chain.Add(context.Transforms.Conversion.MapKeyToVector(Part(parts, prefix), prefix + ".key"));
                break;
            case ColumnTreatment.Hashed:
                chain.Add(context.Transforms.Categorical.OneHotHashEncoding(Part(parts, prefix), filled,
                    OneHotEncodingEstimator.OutputKind.Indicator, numberOfBits: column.HashBits ?? 10));
                break;
            case ColumnTreatment.Ordinal:
                chain.Add(context.Transforms.Expression(Part(parts, prefix), Ordinal(statistics.Vocabulary!), filled));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Treatment, null);
        }
        if (column.MissingIndicator)
            chain.Add(context.Transforms.Expression(Part(parts, MissingPartName(prefix)), "s => len(s) == 0 ? 1.0 : 0.0", column.Name));
    }

    // s => s == "a" ? 1.0 : s == "b" ? 2.0 : 0.0   (unknown categories give 0)
    private static string Ordinal(IReadOnlyList<string> order)
    {
        var expression = new StringBuilder("s => ");
        for (var k = 0; k < order.Count; k++)
            expression.Append("s == ").Append(Text(order[k])).Append(" ? ").Append(Number(k + 1)).Append(" : ");
        return expression.Append("0.0").ToString();
    }

    private static IDataView Vocabulary(MLContext context, IReadOnlyList<string> vocabulary) =>
        context.Data.LoadFromEnumerable(vocabulary.Select(value => new VocabularyEntry { Value = value }));

    private sealed class VocabularyEntry
    {
        public string Value { get; set; } = "";
    }

    /// <summary>The intermediate column that holds the <paramref name="index"/>-th feature column's encoded values.</summary>
    internal static string PartName(int index) => $"__flywheel.{index}";

    internal static string MissingPartName(string part) => part + ".missing";

    private static string Part(List<string> parts, string name)
    {
        parts.Add(name);
        return name;
    }

    // A constant column has no spread; dividing by 1 leaves it centred, as scikit-learn does.
    private static double Divisor(double standardDeviation) => standardDeviation > 0 ? standardDeviation : 1.0;

    private static string Number(double value) => "(" + value.ToString("R", CultureInfo.InvariantCulture) + (Math.Floor(value) == value && Math.Abs(value) < 1e15 ? ".0" : "") + ")";

    // A string literal of the Expression language: backslash escapes, no raw line breaks.
    private static string Text(string value) => "\"" + value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
