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

    /// <summary>The formula written out readably (× for *, minimal parentheses); names are replaced by <paramref name="nameText"/> where it gives text.</summary>
    public string Write(Func<string, string?>? nameText = null) => ExpressionWriter.Write(this, nameText ?? (_ => null));

    public sealed override string ToString() => Write();
}

/// <summary>A number with an optional unit, e.g. <c>1200 JPY/h</c>.</summary>
public sealed record Literal(double Amount, Unit Unit, TextPosition At) : Expression(At);

public sealed record NameReference(string Name, TextPosition At) : Expression(At);

public sealed record Negation(Expression Operand, TextPosition At) : Expression(At);

public enum Operator { Add, Subtract, Multiply, Divide, Power, Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual }

public sealed record BinaryOperation(Operator Operator, Expression Left, Expression Right, TextPosition At) : Expression(At)
{
    public bool IsComparison => Operator >= Operator.Less;
}

/// <summary><c>min(a, b, ...)</c>, <c>max(a, b, ...)</c> or <c>if(condition, then, else)</c>.</summary>
public sealed record FunctionCall(string Function, IReadOnlyList<Expression> Arguments, TextPosition At) : Expression(At);

internal static class ExpressionWriter
{
    public static string Write(Expression expression, Func<string, string?> nameText) => expression switch
    {
        Literal literal => literal.Unit.Text == "" ? Quantity.Format(literal.Amount) : $"{Quantity.Format(literal.Amount)} {literal.Unit.Text}",
        NameReference name => nameText(name.Name) ?? name.Name,
        Negation negation => negation.Operand is BinaryOperation ? $"-({Write(negation.Operand, nameText)})" : $"-{Write(negation.Operand, nameText)}",
        BinaryOperation binary => $"{Side(binary, binary.Left, false, nameText)} {Symbol(binary.Operator)} {Side(binary, binary.Right, true, nameText)}",
        FunctionCall call => $"{call.Function}({string.Join(", ", call.Arguments.Select(argument => Write(argument, nameText)))})",
        _ => expression.GetType().Name,
    };

    public static string Symbol(Operator op) => op switch
    {
        Operator.Add => "+", Operator.Subtract => "−", Operator.Multiply => "×", Operator.Divide => "/", Operator.Power => "^",
        Operator.Less => "<", Operator.LessOrEqual => "≤", Operator.Greater => ">", Operator.GreaterOrEqual => "≥",
        Operator.Equal => "=", Operator.NotEqual => "≠", _ => op.ToString(),
    };

    private static string Side(BinaryOperation outer, Expression side, bool right, Func<string, string?> nameText)
    {
        var text = Write(side, nameText);
        // A substituted quantity with a unit ("7.5 h/day") reads as one factor only inside parentheses.
        var substitutedWithUnit = side is NameReference && text.Contains(' ') && outer.Operator is Operator.Multiply or Operator.Divide or Operator.Power;
        return NeedsParentheses(outer, side, right) || substitutedWithUnit ? $"({text})" : text;
    }

    private static bool NeedsParentheses(BinaryOperation outer, Expression side, bool right)
    {
        if (side is Literal { Unit.Text: not "" } && outer.Operator is Operator.Power) return true;
        if (side is not BinaryOperation inner) return false;
        var own = Precedence(inner.Operator);
        var other = Precedence(outer.Operator);
        return own < other
            || (own == other && right && outer.Operator is Operator.Subtract or Operator.Divide)
            || (own == other && outer.Operator == Operator.Power && !right);
    }

    private static int Precedence(Operator op) => op switch
    {
        Operator.Add or Operator.Subtract => 1,
        Operator.Multiply or Operator.Divide => 2,
        Operator.Power => 3,
        _ => 0,
    };
}
