using System.Globalization;
using Superpower;
using Superpower.Parsers;

namespace Flywheel.Value;

/// <summary>
/// The Superpower combinators of the formula language, loosest first: comparison, sum, product, unary minus, power,
/// primary (number with unit, function call, name, parentheses). Units are resolved while parsing; an unknown one
/// throws <see cref="UnknownUnitException"/> so the parser can point at it.
/// </summary>
internal sealed class FormulaGrammar
{
    public static readonly string[] Functions = ["min", "max", "if"];

    private readonly Func<string, bool> _isModelName;
    private readonly IReadOnlySet<string>? _counts;

    /// <param name="counts">Count units declared by the use case (<c>units.counts</c>), beside the catalog's.</param>
    public FormulaGrammar(Func<string, bool> isModelName, IReadOnlySet<string>? counts = null)
    {
        _isModelName = isModelName;
        _counts = counts;
        Formula = BuildFormula().AtEnd();
        UnitText = BuildUnitText().AtEnd();
    }

    public TokenListParser<FormulaToken, Expression> Formula { get; }

    /// <summary>A unit on its own, as in a parameter's <c>unit:</c> field: <c>JPY/h</c>, <c>1/month</c>, <c>people</c>.</summary>
    public TokenListParser<FormulaToken, Unit> UnitText { get; }

    private static readonly TokenListParser<FormulaToken, UnitWord> Word =
        Token.EqualTo(FormulaToken.Name).Select(token => new UnitWord(token.ToStringValue(), PositionOf(token)));

    // ^2, ^-1 after a unit word.
    private static readonly TokenListParser<FormulaToken, int> WordPower =
        (from caret in Token.EqualTo(FormulaToken.Caret)
         from minus in Token.EqualTo(FormulaToken.Minus).Optional()
         from digits in Token.EqualTo(FormulaToken.Number)
         where int.TryParse(digits.ToStringValue(), NumberStyles.None, CultureInfo.InvariantCulture, out _)
         select (minus.HasValue ? -1 : 1) * int.Parse(digits.ToStringValue(), CultureInfo.InvariantCulture)).Try();

    private static readonly TokenListParser<FormulaToken, UnitTerm> FirstTerm =
        from word in Word
        from power in WordPower.OptionalOrDefault(1)
        select new UnitTerm(word, power);

    private static TokenListParser<FormulaToken, UnitTerm> NextTerm(TokenListParser<FormulaToken, UnitWord> word) =>
        from op in Token.EqualTo(FormulaToken.Divide).Or(Token.EqualTo(FormulaToken.Times))
        from unitWord in word
        from power in WordPower.OptionalOrDefault(1)
        select new UnitTerm(unitWord, op.Kind == FormulaToken.Divide ? -power : power);

    private TokenListParser<FormulaToken, Unit> BuildUnitText()
    {
        var one = Token.EqualTo(FormulaToken.Number).Where(token => token.ToStringValue() == "1").Select(_ => Array.Empty<UnitTerm>());
        return from first in one.Or(FirstTerm.Select(term => new[] { term }))
               from rest in NextTerm(Word).Many()
               select Resolve(first.Concat(rest));
    }

    private TokenListParser<FormulaToken, Expression> BuildFormula()
    {
        // After '/' or '*', a word continues the unit unless it is one of the model's names, a dotted name or a function:
        // "100 JPY/day" is a rate, "100 JPY / days_open" a division.
        var continuing = Word.Where(word => !_isModelName(word.Name) && !word.Name.Contains('.') && !Functions.Contains(word.Name));
        var unit =
            from first in FirstTerm
            from rest in NextTerm(continuing).Try().Many()
            select Resolve(rest.Prepend(first));
        var number =
            from token in Token.EqualTo(FormulaToken.Number)
            from written in unit.OptionalOrDefault(Unit.One)
            select (Expression)new Literal(ParseNumber(token.ToStringValue()), written, PositionOf(token));

        TokenListParser<FormulaToken, Expression>? comparison = null;
        var inner = Parse.Ref(() => comparison!);
        var parenthesized = inner.Between(Token.EqualTo(FormulaToken.LeftParenthesis), Token.EqualTo(FormulaToken.RightParenthesis));
        var call =
            (from name in Token.EqualTo(FormulaToken.Name)
             from open in Token.EqualTo(FormulaToken.LeftParenthesis)
             from arguments in inner.ManyDelimitedBy(Token.EqualTo(FormulaToken.Comma))
             from close in Token.EqualTo(FormulaToken.RightParenthesis)
             select (Expression)new FunctionCall(name.ToStringValue(), arguments, PositionOf(name))).Try();
        var reference = Token.EqualTo(FormulaToken.Name).Select(token => (Expression)new NameReference(token.ToStringValue(), PositionOf(token)));
        var primary = number.Or(call).Or(reference).Or(parenthesized).Named("number, name or '('");

        TokenListParser<FormulaToken, Expression>? unary = null;
        var unaryRef = Parse.Ref(() => unary!);
        // Right-associative and binding tighter than unary minus on its left: -2^2 = -4, 2^-1 = 0.5, 2^3^2 = 512.
        var power =
            from basis in primary
            from exponent in Token.EqualTo(FormulaToken.Caret).IgnoreThen(unaryRef).Select(e => (Expression?)e).OptionalOrDefault()
            select exponent is null ? basis : new BinaryOperation(Operator.Power, basis, exponent, basis.At);
        unary =
            (from minus in Token.EqualTo(FormulaToken.Minus)
             from operand in unaryRef
             select (Expression)new Negation(operand, PositionOf(minus)))
            .Or(Token.EqualTo(FormulaToken.Plus).IgnoreThen(unaryRef))
            .Or(power);

        var product = Parse.Chain(Operation(FormulaToken.Times, Operator.Multiply).Or(Operation(FormulaToken.Divide, Operator.Divide)), unary, Combine);
        var sum = Parse.Chain(Operation(FormulaToken.Plus, Operator.Add).Or(Operation(FormulaToken.Minus, Operator.Subtract)), product, Combine);
        var comparisonOperator =
            Operation(FormulaToken.Less, Operator.Less).Or(Operation(FormulaToken.LessOrEqual, Operator.LessOrEqual))
            .Or(Operation(FormulaToken.Greater, Operator.Greater)).Or(Operation(FormulaToken.GreaterOrEqual, Operator.GreaterOrEqual))
            .Or(Operation(FormulaToken.Equal, Operator.Equal)).Or(Operation(FormulaToken.NotEqual, Operator.NotEqual));
        comparison =
            from left in sum
            from rest in (from op in comparisonOperator from right in sum select (op, right)).OptionalOrDefault()
            select rest.right is null ? left : new BinaryOperation(rest.op, left, rest.right, left.At);
        return comparison;
    }

    private Unit Resolve(IEnumerable<UnitTerm> terms)
    {
        var unit = Unit.One;
        foreach (var term in terms)
        {
            var found = UnitCatalog.Find(term.Word.Name, _counts) ?? throw new UnknownUnitException(term.Word.Name, term.Word.At);
            unit = term.Power < 0 ? unit.Divide(found.Power(-term.Power)) : unit.Multiply(found.Power(term.Power));
        }
        return unit;
    }

    private static TokenListParser<FormulaToken, Operator> Operation(FormulaToken token, Operator op) => Token.EqualTo(token).Value(op);

    private static Expression Combine(Operator op, Expression left, Expression right) => new BinaryOperation(op, left, right, left.At);

    private static double ParseNumber(string text) =>
        double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static TextPosition PositionOf(Superpower.Model.Token<FormulaToken> token) => new(token.Position.Line, token.Position.Column);

    private sealed record UnitWord(string Name, TextPosition At);

    private sealed record UnitTerm(UnitWord Word, int Power);
}

/// <summary>A unit word the catalog does not know, found while parsing.</summary>
internal sealed class UnknownUnitException(string name, TextPosition at)
    : Exception($"unknown unit '{name}'; use a time unit (s, min, h, day, week, month, year), a currency code (JPY, USD, EUR ...) "
        + "or a count (people, items, 件 ..., or one declared in 'units: { counts: [...] }'); after '/' or '*' a parameter or formula name also works")
{
    public TextPosition At { get; } = at;
}
