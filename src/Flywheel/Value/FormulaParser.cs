using Superpower;
using Superpower.Model;

namespace Flywheel.Value;

/// <summary>
/// Parses formulas such as <c>(before - after) * 7.5 h/day * 1200 JPY/h</c> into an <see cref="Expression"/>, and unit
/// texts such as <c>JPY/h</c>. Every mistake becomes an <see cref="InputException"/> at its line and column in the file,
/// saying what was expected. The grammar is in <see cref="FormulaGrammar"/>.
/// </summary>
public sealed class FormulaParser
{
    /// <summary>Longest formula text accepted; a longer one is generated, not written, and belongs in parameters.</summary>
    public const int MaxLength = 10_000;

    /// <summary>Most tokens a formula may have (it bounds the depth of the expression tree every later pass walks).</summary>
    public const int MaxTokens = 2_000;

    /// <summary>Deepest nesting of parentheses, function calls and signs; the parser recurses on each level.</summary>
    public const int MaxDepth = 64;

    private readonly FormulaGrammar _grammar;

    /// <param name="isModelName">True for names the model defines; such a name is never read as a unit after <c>/</c> or <c>*</c>.</param>
    /// <param name="counts">Count units the use case declares in <c>units.counts</c> (see <see cref="UnitCatalog.DeclaredCounts"/>).</param>
    public FormulaParser(Func<string, bool>? isModelName = null, IReadOnlySet<string>? counts = null) =>
        _grammar = new FormulaGrammar(isModelName ?? (_ => false), counts);

    public Expression Parse(FormulaSource source)
    {
        var tokens = Tokenize(source);
        var result = Run(_grammar.Formula, tokens, source);
        if (!result.HasValue)
        {
            var message = tokens.Any() ? result.FormatErrorMessageFragment() : "the expression is empty; a number, name or '(' was expected";
            if (!result.Location.IsAtEnd && result.Location.First().Kind == FormulaToken.Comma)
                message += "; write large numbers without commas (10000000 or 10_000_000): commas separate function arguments";
            throw source.Error(ToPosition(result.ErrorPosition), message);
        }
        CheckFunctions(result.Value, source);
        return result.Value;
    }

    /// <summary>Parses a unit as written in a parameter's <c>unit:</c> field, e.g. <c>JPY/h</c>, <c>1/month</c>, <c>people</c>.</summary>
    public Unit ParseUnit(FormulaSource source)
    {
        if (string.IsNullOrWhiteSpace(source.Text)) return Unit.One;
        var result = Run(_grammar.UnitText, Tokenize(source), source);
        return result.HasValue
            ? result.Value
            : throw source.Error(ToPosition(result.ErrorPosition),
                $"{result.FormatErrorMessageFragment()}; a unit such as 'JPY/h', '1/month' or 'people' was expected");
    }

    private static TokenListParserResult<FormulaToken, T> Run<T>(TokenListParser<FormulaToken, T> parser, TokenList<FormulaToken> tokens, FormulaSource source)
    {
        try
        {
            return parser.TryParse(tokens);
        }
        catch (UnknownUnitException unknown)
        {
            throw source.Error(unknown.At, unknown.Message);
        }
    }

    private static TokenList<FormulaToken> Tokenize(FormulaSource source)
    {
        if (source.Text.Length > MaxLength)
            throw source.Error($"the formula is {source.Text.Length:N0} characters long; at most {MaxLength:N0} are allowed: name its parts as formulas of their own");
        var tokens = FormulaTokenizer.Instance.TryTokenize(source.Text);
        if (!tokens.HasValue) throw source.Error(ToPosition(tokens.ErrorPosition), tokens.FormatErrorMessageFragment());
        var count = tokens.Value.Count();
        if (count > MaxTokens)
            throw source.Error($"the formula has {count:N0} tokens; at most {MaxTokens:N0} are allowed: name its parts as formulas of their own");
        CheckNesting(tokens.Value, source);
        return tokens.Value;
    }

    // Parentheses, '-'/'+' prefixes and '^' (right-associative) recurse in the parser; stop runaway nesting before it
    // reaches the stack.
    private static void CheckNesting(TokenList<FormulaToken> tokens, FormulaSource source)
    {
        int open = 0, prefixes = 0, powers = 0;
        foreach (var token in tokens)
        {
            prefixes = token.Kind is FormulaToken.LeftParenthesis or FormulaToken.Minus or FormulaToken.Plus or FormulaToken.Caret ? prefixes + 1 : 0;
            if (token.Kind == FormulaToken.LeftParenthesis) open++;
            if (token.Kind == FormulaToken.RightParenthesis) open--;
            if (token.Kind == FormulaToken.Caret) powers++;
            if (open > MaxDepth || prefixes > MaxDepth || powers > MaxDepth)
                throw source.Error(ToPosition(token.Position), $"the formula nests more than {MaxDepth} levels deep here; at most {MaxDepth} are allowed: name its parts as formulas of their own");
        }
    }

    private static void CheckFunctions(Expression expression, FormulaSource source)
    {
        switch (expression)
        {
            case Negation negation:
                CheckFunctions(negation.Operand, source);
                break;
            case BinaryOperation binary:
                CheckFunctions(binary.Left, source);
                CheckFunctions(binary.Right, source);
                break;
            case FunctionCall call:
                if (!FormulaGrammar.Functions.Contains(call.Function))
                    throw source.Error(call.At, $"unknown function '{call.Function}'; the functions are min, max and if");
                if (call.Function == "if" && call.Arguments.Count != 3)
                    throw source.Error(call.At, $"if(condition, then, else) takes 3 arguments, not {call.Arguments.Count}");
                if (call.Function != "if" && call.Arguments.Count < 1)
                    throw source.Error(call.At, $"{call.Function}(...) needs at least one argument");
                foreach (var argument in call.Arguments) CheckFunctions(argument, source);
                break;
        }
    }

    private static TextPosition ToPosition(Position position) => position.HasValue ? new(position.Line, position.Column) : new(1, 1);
}
