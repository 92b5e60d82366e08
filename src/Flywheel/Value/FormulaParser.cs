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
        var tokens = FormulaTokenizer.Instance.TryTokenize(source.Text);
        return tokens.HasValue ? tokens.Value : throw source.Error(ToPosition(tokens.ErrorPosition), tokens.FormatErrorMessageFragment());
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
