namespace Flywheel.Value;

/// <summary>What a formula's names mean: the evaluator asks the scope for each name it meets.</summary>
public interface INameScope
{
    Quantity Resolve(NameReference name, FormulaSource source);

    /// <summary>How to call the name in a message, e.g. "parameter 'after_people'".</summary>
    string Describe(string name);
}

/// <summary>
/// Evaluates an expression with unit algebra: sums and comparisons need equal dimensions (time units are already
/// converted), products and quotients combine them, exponents must be dimensionless. Every refusal names the units and
/// the place in the file.
/// </summary>
public static class FormulaEvaluator
{
    public static Quantity Evaluate(Expression expression, FormulaSource source, INameScope scope) => expression switch
    {
        Literal literal => literal.Unit.Of(literal.Amount),
        NameReference name => scope.Resolve(name, source),
        Negation negation => -Evaluate(negation.Operand, source, scope),
        BinaryOperation binary => EvaluateBinary(binary, source, scope),
        FunctionCall call => EvaluateCall(call, source, scope),
        _ => throw new InvalidOperationException($"unexpected expression {expression.GetType().Name}"),
    };

    private static Quantity EvaluateBinary(BinaryOperation binary, FormulaSource source, INameScope scope)
    {
        var left = Evaluate(binary.Left, source, scope);
        var right = Evaluate(binary.Right, source, scope);
        switch (binary.Operator)
        {
            case Operator.Add:
                return left.TryAdd(right) ?? throw source.Error(binary.At, $"cannot add {Show(right)} to {Show(left)} in '{binary}'");
            case Operator.Subtract:
                return left.TrySubtract(right) ?? throw source.Error(binary.At, $"cannot subtract {Show(right)} from {Show(left)} in '{binary}'");
            case Operator.Multiply:
                return left * right;
            case Operator.Divide:
                if (right.Value == 0) throw source.Error(binary.Right.At, $"division by zero: {DescribeDivisor(binary.Right, scope)} is 0 in '{binary}'");
                return left / right;
            case Operator.Power:
                return Power(binary, left, right, source);
            default:
                if (!left.Dimension.Equals(right.Dimension))
                    throw source.Error(binary.At, $"cannot compare {Show(left)} with {Show(right)} in '{binary}'");
                var holds = binary.Operator switch
                {
                    Operator.Less => left.Value < right.Value,
                    Operator.LessOrEqual => left.Value <= right.Value,
                    Operator.Greater => left.Value > right.Value,
                    Operator.GreaterOrEqual => left.Value >= right.Value,
                    Operator.Equal => left.Value == right.Value,
                    _ => left.Value != right.Value,
                };
                return Quantity.Dimensionless(holds ? 1 : 0);
        }
    }

    private static Quantity Power(BinaryOperation binary, Quantity basis, Quantity exponent, FormulaSource source)
    {
        if (!exponent.IsDimensionless)
            throw source.Error(binary.Right.At, $"the exponent of '^' must be a plain number, not {Show(exponent)}");
        if (basis.IsDimensionless) return Quantity.Dimensionless(Math.Pow(basis.Value, exponent.Value));
        var whole = Math.Round(exponent.Value);
        if (Math.Abs(exponent.Value - whole) > 1e-12)
            throw source.Error(binary.Right.At, $"{Show(basis)} can only be raised to a whole power, not {exponent.Value}");
        return new Quantity(Math.Pow(basis.Value, whole), basis.Dimension.Power((int)whole));
    }

    private static Quantity EvaluateCall(FunctionCall call, FormulaSource source, INameScope scope)
    {
        if (call.Function == "if")
        {
            var condition = Evaluate(call.Arguments[0], source, scope);
            if (!condition.IsDimensionless)
                throw source.Error(call.Arguments[0].At, $"the condition of if(...) must be a comparison such as 'a > b', not {Show(condition)}");
            var then = Evaluate(call.Arguments[1], source, scope);
            var otherwise = Evaluate(call.Arguments[2], source, scope);
            if (!then.Dimension.Equals(otherwise.Dimension))
                throw source.Error(call.At, $"both branches of if(...) must have the same unit, not {Show(then)} and {Show(otherwise)}");
            return condition.Value != 0 ? then : otherwise;
        }

        var values = call.Arguments.Select(argument => Evaluate(argument, source, scope)).ToList();
        var first = values[0];
        foreach (var (value, index) in values.Select((value, index) => (value, index)).Skip(1))
        {
            if (!value.Dimension.Equals(first.Dimension))
                throw source.Error(call.Arguments[index].At, $"cannot compare {Show(first)} with {Show(value)} in {call.Function}(...)");
        }
        return call.Function == "min" ? values.MinBy(value => value.Value) : values.MaxBy(value => value.Value);
    }

    private static string DescribeDivisor(Expression divisor, INameScope scope) => divisor is NameReference name ? scope.Describe(name.Name) : $"'{divisor}'";

    /// <summary>A quantity's unit for a message; "a plain number" when it has none.</summary>
    private static string Show(Quantity quantity) => quantity.IsDimensionless ? "a plain number" : quantity.UnitText;
}
