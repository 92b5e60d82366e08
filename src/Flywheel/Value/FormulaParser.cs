using System.Globalization;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace Flywheel.Value;

/// <summary>
/// Parses formulas such as <c>(before - after) * 7.5 h/day * 1200 JPY/h</c> into an <see cref="Expression"/>.
/// A number may be followed by a unit; after the first unit word, <c>/word</c> and <c>*word</c> continue the unit unless
/// the word is one of the model's own names (or a dotted external name), so <c>100 JPY / days_open</c> is a division.
/// </summary>
public sealed class FormulaParser
{
    private static readonly string[] Functions = ["min", "max", "if"];

    private readonly Func<string, bool> _isModelName;
    private readonly TokenListParser<FormulaToken, Expression> _formula;
    private readonly TokenListParser<FormulaToken, UnitTerm[]> _unitText;

    /// <param name="isModelName">True for names the model defines; such a name is never read as a unit after <c>/</c> or <c>*</c>.</param>
    public FormulaParser(Func<string, bool>? isModelName = null)
    {
        _isModelName = isModelName ?? (_ => false);

        var unitWord = Token.EqualTo(FormulaToken.Name).Select(token => (Name: token.ToStringValue(), At: PositionOf(token)));
        var unitPower =
            (from caret in Token.EqualTo(FormulaToken.Caret)
             from minus in Token.EqualTo(FormulaToken.Minus).Optional()
             from digits in Token.EqualTo(FormulaToken.Number)
             where int.TryParse(digits.ToStringValue(), NumberStyles.None, CultureInfo.InvariantCulture, out _)
             select (minus.HasValue ? -1 : 1) * int.Parse(digits.ToStringValue(), CultureInfo.InvariantCulture)).Try();
        var firstUnit =
            from word in unitWord
            from exponent in unitPower.OptionalOrDefault(1)
            select new UnitTerm(word.Name, exponent, word.At);
        // After '/' or '*', a word is a unit unless it is one of the model's names, an external (dotted) name or a function.
        var continuedUnitWord = unitWord.Where(word => !_isModelName(word.Name) && !word.Name.Contains('.') && !Functions.Contains(word.Name));
        var moreUnits =
            (from op in Token.EqualTo(FormulaToken.Divide).Or(Token.EqualTo(FormulaToken.Times))
             from word in continuedUnitWord
             from exponent in unitPower.OptionalOrDefault(1)
             select new UnitTerm(word.Name, op.Kind == FormulaToken.Divide ? -exponent : exponent, word.At)).Try();
        var unit =
            from first in firstUnit
            from rest in moreUnits.Many()
            select rest.Prepend(first).ToArray();

        var number =
            from token in Token.EqualTo(FormulaToken.Number)
            from terms in unit.OptionalOrDefault([])
            select (Expression)new Literal(ParseNumber(token.ToStringValue()), ResolveUnit(terms), PositionOf(token));

        TokenListParser<FormulaToken, Expression>? comparison = null;
        var parenthesized =
            from open in Token.EqualTo(FormulaToken.LeftParenthesis)
            from inner in Superpower.Parse.Ref(() => comparison!)
            from close in Token.EqualTo(FormulaToken.RightParenthesis)
            select inner;
        var call =
            (from name in Token.EqualTo(FormulaToken.Name)
             from open in Token.EqualTo(FormulaToken.LeftParenthesis)
             from arguments in Superpower.Parse.Ref(() => comparison!).ManyDelimitedBy(Token.EqualTo(FormulaToken.Comma))
             from close in Token.EqualTo(FormulaToken.RightParenthesis)
             select (Expression)new FunctionCall(name.ToStringValue(), arguments, PositionOf(name))).Try();
        var reference = Token.EqualTo(FormulaToken.Name).Select(token => (Expression)new NameReference(token.ToStringValue(), PositionOf(token)));
        var primary = number.Or(call).Or(reference).Or(parenthesized).Named("number, name or '('");

        TokenListParser<FormulaToken, Expression>? unary = null;
        var power =
            from basis in primary
            from exponent in Token.EqualTo(FormulaToken.Caret).IgnoreThen(Superpower.Parse.Ref(() => unary!)).Select(exponent => (Expression?)exponent).OptionalOrDefault()
            select exponent is null ? basis : new BinaryOperation(Operator.Power, basis, exponent, basis.At);
        unary =
            (from minus in Token.EqualTo(FormulaToken.Minus)
             from operand in Superpower.Parse.Ref(() => unary!)
             select (Expression)new Negation(operand, PositionOf(minus)))
            .Or(Token.EqualTo(FormulaToken.Plus).IgnoreThen(Superpower.Parse.Ref(() => unary!)))
            .Or(power);

        var product = Superpower.Parse.Chain(Operation(FormulaToken.Times, Operator.Multiply).Or(Operation(FormulaToken.Divide, Operator.Divide)), unary, Combine);
        var sum = Superpower.Parse.Chain(Operation(FormulaToken.Plus, Operator.Add).Or(Operation(FormulaToken.Minus, Operator.Subtract)), product, Combine);
        var comparisonOperator =
            Operation(FormulaToken.Less, Operator.Less).Or(Operation(FormulaToken.LessOrEqual, Operator.LessOrEqual))
            .Or(Operation(FormulaToken.Greater, Operator.Greater)).Or(Operation(FormulaToken.GreaterOrEqual, Operator.GreaterOrEqual))
            .Or(Operation(FormulaToken.Equal, Operator.Equal)).Or(Operation(FormulaToken.NotEqual, Operator.NotEqual));
        comparison =
            from left in sum
            from rest in (from op in comparisonOperator from right in sum select (op, right)).OptionalOrDefault()
            select rest.right is null ? left : new BinaryOperation(rest.op, left, rest.right, left.At);

        _formula = comparison.AtEnd();

        var one = Token.EqualTo(FormulaToken.Number).Where(token => token.ToStringValue() == "1").Select(_ => Array.Empty<UnitTerm>());
        _unitText =
            (from first in one.Or(firstUnit.Select(term => new[] { term }))
             from rest in UnitContinuation(unitWord, unitPower).Many()
             select first.Concat(rest).ToArray()).AtEnd();
    }

    /// <summary>Parses an expression; a mistake is reported at its place in the use-case file.</summary>
    public Expression Parse(FormulaSource source)
    {
        var tokens = Tokenize(source);
        TokenListParserResult<FormulaToken, Expression> result;
        try
        {
            result = _formula.TryParse(tokens);
        }
        catch (UnknownUnit unknown)
        {
            throw source.Error(unknown.At, unknown.Message);
        }
        if (!result.HasValue) throw source.Error(ToPosition(result.ErrorPosition), Describe(result.FormatErrorMessageFragment(), tokens.Count() == 0));
        Validate(result.Value, source);
        return result.Value;
    }

    /// <summary>Parses a unit as written in a parameter's <c>unit:</c> field, e.g. <c>JPY/h</c>, <c>1/month</c>, <c>people</c>.</summary>
    public Unit ParseUnit(FormulaSource source)
    {
        if (string.IsNullOrWhiteSpace(source.Text)) return Unit.One;
        var tokens = Tokenize(source);
        var result = _unitText.TryParse(tokens);
        if (!result.HasValue) throw source.Error(ToPosition(result.ErrorPosition), Describe(result.FormatErrorMessageFragment(), false) + "; a unit such as 'JPY/h', '1/month' or 'people' was expected");
        try
        {
            return ResolveUnit(result.Value);
        }
        catch (UnknownUnit unknown)
        {
            throw source.Error(unknown.At, unknown.Message);
        }
    }

    private TokenListParser<FormulaToken, UnitTerm> UnitContinuation(
        TokenListParser<FormulaToken, (string Name, TextPosition At)> unitWord, TokenListParser<FormulaToken, int> unitPower) =>
        from op in Token.EqualTo(FormulaToken.Divide).Or(Token.EqualTo(FormulaToken.Times))
        from word in unitWord
        from power in unitPower.OptionalOrDefault(1)
        select new UnitTerm(word.Name, op.Kind == FormulaToken.Divide ? -power : power, word.At);

    private static TokenList<FormulaToken> Tokenize(FormulaSource source)
    {
        var tokens = FormulaTokenizer.Instance.TryTokenize(source.Text);
        if (!tokens.HasValue) throw source.Error(ToPosition(tokens.ErrorPosition), Describe(tokens.FormatErrorMessageFragment(), false));
        return tokens.Value;
    }

    // Unknown units and functions are found while parsing; they are checked here so the message can point at them.
    private static void Validate(Expression expression, FormulaSource source)
    {
        switch (expression)
        {
            case Negation negation:
                Validate(negation.Operand, source);
                break;
            case BinaryOperation binary:
                Validate(binary.Left, source);
                Validate(binary.Right, source);
                break;
            case FunctionCall call:
                if (!Functions.Contains(call.Function))
                    throw source.Error(call.At, $"unknown function '{call.Function}'; the functions are min, max and if");
                if (call.Function == "if" && call.Arguments.Count != 3)
                    throw source.Error(call.At, $"if(condition, then, else) takes 3 arguments, not {call.Arguments.Count}");
                if (call.Function != "if" && call.Arguments.Count < 1)
                    throw source.Error(call.At, $"{call.Function}(...) needs at least one argument");
                foreach (var argument in call.Arguments) Validate(argument, source);
                break;
        }
    }

    private static Unit ResolveUnit(UnitTerm[] terms)
    {
        var unit = Unit.One;
        foreach (var term in terms)
        {
            var found = UnitCatalog.Find(term.Name);
            if (found is null) throw new UnknownUnit(term.Name, term.At);
            unit = term.Power < 0 ? unit.Divide(found.Power(-term.Power)) : unit.Multiply(found.Power(term.Power));
        }
        return unit;
    }

    private static TokenListParser<FormulaToken, Operator> Operation(FormulaToken token, Operator op) => Token.EqualTo(token).Value(op);

    private static Expression Combine(Operator op, Expression left, Expression right) => new BinaryOperation(op, left, right, left.At);

    private static double ParseNumber(string text) => double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static TextPosition PositionOf(Token<FormulaToken> token) => new(token.Position.Line, token.Position.Column);

    private static TextPosition ToPosition(Position position) => position.HasValue ? new(position.Line, position.Column) : new(1, 1);

    private static string Describe(string fragment, bool empty) => empty ? "the expression is empty; a number, name or '(' was expected" : fragment;

    private sealed record UnitTerm(string Name, int Power, TextPosition At);

    private sealed class UnknownUnit(string name, TextPosition at)
        : Exception($"unknown unit '{name}'; use a time unit (s, min, h, day, week, month, year), a currency code (JPY, USD, EUR ...) or a count (people, items, 件 ...); after '/' or '*' a parameter or formula name also works")
    {
        public TextPosition At { get; } = at;
    }
}
