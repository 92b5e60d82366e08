using System.Collections.Concurrent;
using Flywheel.Serving;
using Flywheel.Tasks;

namespace Flywheel.Operate.Inference;

/// <summary>One feature's part in a row's score: the score minus the score with that feature at its training baseline.</summary>
public sealed record Contribution(string Feature, object? Value, double Change);

/// <summary>The top contributions of one row and how they were found (<see cref="LoadedModel.ExplanationMethod"/>).</summary>
public sealed record Explanation(string Method, double Score, IReadOnlyList<Contribution> Contributions);

/// <summary>One scored row and, when asked, its explanation.</summary>
public sealed record Prediction(ScoredRow Row, Explanation? Explanation = null);

/// <summary>
/// A model package loaded once for serving (its hash verified once, at load) with a pool of row scorers, so requests
/// score concurrently without a shared lock: each request rents a scorer (or makes one when all are busy) and gives it
/// back; at most <see cref="PoolSize"/> idle scorers are kept.
/// </summary>
public sealed class LoadedModel
{
    /// <summary>
    /// Each feature in turn is set to missing, which the package's fitted preprocessing fills with the training median
    /// (numbers) or mode (categories); the change in score is the feature's contribution. A column trained with a
    /// missing-value indicator also sees the indicator flip, which counts in its contribution.
    /// </summary>
    public const string ExplanationMethod = "baseline-substitution";

    private readonly ConcurrentBag<IRowScorer> _idle = [];

    public LoadedModel(ScoringModel model, string reference, string packageId, int poolSize = 0)
    {
        Model = model;
        Reference = reference;
        PackageId = packageId;
        PoolSize = poolSize > 0 ? poolSize : Math.Max(4, 2 * Environment.ProcessorCount);
    }

    public ScoringModel Model { get; }
    public ServingSpec Spec => Model.Spec;

    /// <summary>The version served, <c>name:version</c>.</summary>
    public string Reference { get; }
    public string PackageId { get; }
    public int PoolSize { get; }

    /// <summary>Scores one row of missing values, so the first request does not pay for building the scorer (and a broken chain fails at load).</summary>
    public void Warm() => Score([new InputRow(Spec.Inputs.Count)], 0);

    /// <summary>Scores the rows in order; <paramref name="explainTop"/> &gt; 0 adds that many top contributions per row.</summary>
    public IReadOnlyList<Prediction> Score(IReadOnlyList<InputRow> rows, int explainTop)
    {
        var scorer = _idle.TryTake(out var idle) ? idle : Model.NewScorer();
        try
        {
            var predictions = new Prediction[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                rows[r].Fill(scorer, Spec.Inputs);
                var scored = scorer.Score();
                predictions[r] = new Prediction(scored, explainTop > 0 ? Explain(scorer, rows[r], scored, explainTop) : null);
            }
            return predictions;
        }
        finally
        {
            if (_idle.Count < PoolSize) _idle.Add(scorer);
        }
    }

    /// <summary>The number a contribution changes: the positive class's probability, the predicted class's, or the predicted value.</summary>
    public double Explained(ScoredRow row) => Spec.Task == MlTask.Multiclass && row.ClassProbabilities is { } all
        ? all[Math.Max(0, IndexOf(row.SuggestedLabel))]
        : row.Score;

    private Explanation Explain(IRowScorer scorer, InputRow row, ScoredRow scored, int top)
    {
        var score = Explained(scored);
        var predicted = IndexOf(scored.SuggestedLabel);
        var contributions = new List<Contribution>(Spec.Inputs.Count);
        for (var i = 0; i < Spec.Inputs.Count; i++)
        {
            row.Fill(scorer, Spec.Inputs, skip: i);
            var baseline = scorer.Score();
            var other = Spec.Task == MlTask.Multiclass && baseline.ClassProbabilities is { } all ? all[Math.Max(0, predicted)] : baseline.Score;
            contributions.Add(new Contribution(Spec.Inputs[i].Name, row.Value(i, Spec.Inputs[i].Numeric), score - other));
        }
        row.Fill(scorer, Spec.Inputs);
        var ranked = contributions.OrderByDescending(c => Math.Abs(c.Change)).ThenBy(c => c.Feature, StringComparer.Ordinal).Take(top).ToList();
        return new Explanation(ExplanationMethod, score, ranked);
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < Spec.Classes.Count; i++)
            if (string.Equals(Spec.Classes[i], label, StringComparison.Ordinal)) return i;
        return -1;
    }
}
