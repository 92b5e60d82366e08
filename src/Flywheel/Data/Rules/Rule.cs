using Flywheel.Value;
using Superpower;
using Superpower.Model;

namespace Flywheel.Data.Rules;

/// <summary>A column a rule can read: numeric or text; a boolean column is text compared through yes/true/1 ↔ "true".</summary>
public sealed record RuleColumn(string Name, bool Numeric, bool Boolean = false);

/// <summary>One row as a rule reads it, by the index of the column in <see cref="Rule.Columns"/>. NaN and null are missing.</summary>
public interface IRuleRow
{
    double Number(int column);

    string? Text(int column);
}

/// <summary>
/// A rule over a table's columns in a small, safe expression language: comparisons, <c>and</c>/<c>or</c>/<c>not</c>,
/// <c>in [..]</c>, arithmetic, strings, numbers, true/false — no functions, no names but columns, so a rule can only
/// read a row and compute. A true/false rule is a binary decision (act when it holds); a numeric rule predicts a
/// number. Logic is three-valued as in SQL: a comparison with a missing value is unknown, and an unknown rule does
/// not hold. Parsed once against the columns that exist; every mistake is an <see cref="InputException"/> at its place.
/// </summary>
public sealed class Rule
{
    /// <summary>Deepest nesting a rule may have; deeper is refused (a rule that deep is no longer readable).</summary>
    public const int MaxDepth = 32;

    /// <summary>Most tokens a rule may have.</summary>
    public const int MaxTokens = 1000;

    private readonly Func<IRuleRow, bool?>? _holds;
    private readonly Func<IRuleRow, double>? _predict;

    internal Rule(string text, IReadOnlyList<RuleColumn> columns, Func<IRuleRow, bool?>? holds, Func<IRuleRow, double>? predict)
    {
        Text = text;
        Columns = columns;
        _holds = holds;
        _predict = predict;
    }

    public string Text { get; }

    /// <summary>The columns the rule reads, in order of first use; rows are read by index into this list.</summary>
    public IReadOnlyList<RuleColumn> Columns { get; }

    /// <summary>True for a true/false rule (a binary decision), false for a numeric one (a prediction).</summary>
    public bool IsDecision => _holds is not null;

    /// <summary>Parses and checks a rule against the columns that exist (unknown columns and type mistakes are refused at their place).</summary>
    /// <param name="refused">Columns that exist but a rule may not read, with the reason (e.g. the target).</param>
    public static Rule Parse(FormulaSource source, IReadOnlyList<RuleColumn> available, IReadOnlyDictionary<string, string>? refused = null)
    {
        var tokens = RuleTokenizer.Instance.TryTokenize(source.Text);
        if (!tokens.HasValue) throw source.Error(ToPosition(tokens.ErrorPosition), tokens.FormatErrorMessageFragment() + Hint(source.Text, tokens.ErrorPosition));
        var list = tokens.Value;
        if (!list.Any()) throw source.Error("the rule is empty; write a condition such as 'calls >= 4'");
        if (list.Count() > MaxTokens) throw source.Error($"the rule has {list.Count()} tokens; at most {MaxTokens} are allowed");
        CheckNesting(list, source);
        var result = RuleGrammar.Rule.TryParse(list);
        if (!result.HasValue) throw source.Error(ToPosition(result.ErrorPosition), result.FormatErrorMessageFragment());
        var depth = RuleNodes.Depth(result.Value);
        if (depth > MaxDepth) throw source.Error($"the rule nests {depth} levels deep; at most {MaxDepth} are allowed: split it into simpler conditions");
        return new RuleCompiler(source, available, refused).Compile(result.Value);
    }

    /// <summary>True/false rule: whether it holds on the row (unknown → false).</summary>
    public bool Holds(IRuleRow row) => (_holds ?? throw new InvalidOperationException("a numeric rule predicts a number; it does not hold or fail"))(row) == true;

    /// <summary>The decision score: 1 when the rule holds, 0 otherwise — priced like a model's score at the fixed threshold 0.5.</summary>
    public double Score(IRuleRow row) => Holds(row) ? 1.0 : 0.0;

    /// <summary>Numeric rule: the predicted number (NaN when a column it reads is missing).</summary>
    public double Predict(IRuleRow row) => (_predict ?? throw new InvalidOperationException("a true/false rule decides; it does not predict a number"))(row);

    // Parentheses and 'not'/'-' prefixes recurse in the parser; stop runaway nesting before it reaches the stack.
    private static void CheckNesting(TokenList<RuleToken> tokens, FormulaSource source)
    {
        int open = 0, prefixes = 0;
        foreach (var token in tokens)
        {
            var prefix = token.Kind is RuleToken.LeftParenthesis or RuleToken.Minus || (token.Kind == RuleToken.Name && token.ToStringValue() == "not");
            prefixes = prefix ? prefixes + 1 : 0;
            if (token.Kind == RuleToken.LeftParenthesis) open++;
            if (token.Kind == RuleToken.RightParenthesis) open--;
            if (open > MaxDepth || prefixes > MaxDepth)
                throw source.Error(ToPosition(token.Position), $"the rule nests more than {MaxDepth} levels deep here; at most {MaxDepth} are allowed: split it into simpler conditions");
        }
    }

    private static string Hint(string text, Position at)
    {
        if (!at.HasValue || at.Absolute >= text.Length) return "";
        var rest = text[at.Absolute..];
        if (rest.StartsWith("&&", StringComparison.Ordinal) || rest.StartsWith("||", StringComparison.Ordinal) || rest.StartsWith('!'))
            return "; write 'and', 'or' and 'not' ('!=' for not equal)";
        if (rest.StartsWith('=')) return "; compare with '=='";
        return "";
    }

    private static TextPosition ToPosition(Position position) => position.HasValue ? new(position.Line, position.Column) : new(1, 1);
}
