namespace Flywheel.Value;

/// <summary>A parsed formula. Every node remembers where it starts in the expression text, for error messages.</summary>
public abstract record Expression(TextPosition At)
{
    /// <summary>The names (parameters, formulas, external variables) this expression reads.</summary>
    public IEnumerable<NameReference> References() => this switch
    {
        NameReference name => [name],
        Negation negation => negation.Operand.References(),
        BinaryOperation binary => binary.Left.References().Concat(binary.Right.References()),
        FunctionCall call => call.Arguments.SelectMany(argument => argument.References()),
        _ => [],
    };
}

/// <summary>A number with an optional unit, e.g. <c>1200 JPY/h</c>.</summary>
public sealed record Literal(double Amount, Unit Unit, TextPosition At) : Expression(At)
{
    public override string ToString() => Unit.Text == "" ? Quantity.Format(Amount) : $"{Quantity.Format(Amount)} {Unit.Text}";
}

public sealed record NameReference(string Name, TextPosition At) : Expression(At)
{
    public override string ToString() => Name;
}

public sealed record Negation(Expression Operand, TextPosition At) : Expression(At)
{
    public override string ToString() => $"-{Operand}";
}

public enum Operator { Add, Subtract, Multiply, Divide, Power, Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual }

public sealed record BinaryOperation(Operator Operator, Expression Left, Expression Right, TextPosition At) : Expression(At)
{
    public static string Symbol(Operator op) => op switch
    {
        Operator.Add => "+", Operator.Subtract => "-", Operator.Multiply => "×", Operator.Divide => "/", Operator.Power => "^",
        Operator.Less => "<", Operator.LessOrEqual => "≤", Operator.Greater => ">", Operator.GreaterOrEqual => "≥",
        Operator.Equal => "=", Operator.NotEqual => "≠", _ => op.ToString(),
    };

    public bool IsComparison => Operator >= Operator.Less;

    public override string ToString()
    {
        string Wrap(Expression side, bool right) => side is BinaryOperation inner && NeedsParentheses(inner, right) ? $"({inner})" : side.ToString()!;
        return $"{Wrap(Left, false)} {Symbol(Operator)} {Wrap(Right, true)}";
    }

    private bool NeedsParentheses(BinaryOperation inner, bool right)
    {
        var outer = Precedence(Operator);
        var own = Precedence(inner.Operator);
        return own < outer || (own == outer && right && Operator is Operator.Subtract or Operator.Divide) || (own == outer && !right && Operator == Operator.Power);
    }

    private static int Precedence(Operator op) => op switch
    {
        Operator.Add or Operator.Subtract => 1,
        Operator.Multiply or Operator.Divide => 2,
        Operator.Power => 3,
        _ => 0,
    };
}

/// <summary><c>min(a, b, ...)</c>, <c>max(a, b, ...)</c> or <c>if(condition, then, else)</c>.</summary>
public sealed record FunctionCall(string Function, IReadOnlyList<Expression> Arguments, TextPosition At) : Expression(At)
{
    public override string ToString() => $"{Function}({string.Join(", ", Arguments)})";
}
