using System.Globalization;
using Flywheel.Data.Rules;

namespace Flywheel.Serving;

/// <summary>
/// Scores rows with a rule model (a plan's rule step). A true/false rule scores 1 when it holds and 0 otherwise, and
/// the package's fixed threshold of 0.5 turns that into the positive or negative class — the same decision the
/// plan priced. A numeric rule's value is its prediction. The rule's columns are the package's inputs, in order.
/// </summary>
internal sealed class RuleRowScorer : IRowScorer, IRuleRow
{
    private readonly Rule _rule;
    private readonly ServingSpec _spec;
    private readonly double[] _numbers;
    private readonly string?[] _texts;

    public RuleRowScorer(Rule rule, ServingSpec spec)
    {
        _rule = rule;
        _spec = spec;
        _numbers = new double[spec.Inputs.Count];
        _texts = new string?[spec.Inputs.Count];
    }

    public void SetNumber(int input, double value) => _numbers[input] = value;

    public void SetText(int input, string? value) => _texts[input] = value;

    double IRuleRow.Number(int column) => _numbers[column];

    string? IRuleRow.Text(int column) => _texts[column];

    public ScoredRow Score()
    {
        if (!_rule.IsDecision)
        {
            var value = _rule.Predict(this);
            return new ScoredRow(value, value.ToString("R", CultureInfo.InvariantCulture), DecisionRoute.Automatic);
        }
        var score = _rule.Score(this);
        var classes = _spec.BinaryClasses();
        var label = score >= (_spec.Policy.Threshold ?? 0.5) ? classes.Positive : classes.Negative;
        return new ScoredRow(score, label, DecisionRoute.Automatic);
    }
}
