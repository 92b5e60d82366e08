using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>
/// What a sign-off of the value covers: a SHA-256 over the value section's meaning — parameters (amount, unit, range,
/// owner), formulas, the value expression, costs, horizon and scenarios — in the order written, never its comments,
/// layout or descriptions. Equal fingerprints mean the same value model was signed.
/// </summary>
public static class ValueFingerprint
{
    public static string Of(ValueSection value)
    {
        var text = new StringBuilder();
        void Line(params object?[] parts) => text.AppendJoin('\u001f', parts.Select(Part)).Append('\n');
        foreach (var p in value.Parameters) Line("parameter", p.Name, p.Value, p.Unit, p.Range?.Low, p.Range?.High, p.Owner);
        foreach (var f in value.Formulas) Line("formula", f.Name, f.Expression.Value, f.Unit?.Value);
        Line("value", value.Value.Value);
        Line("costs", value.Costs.Development?.Value, value.Costs.Operation?.Value, value.Costs.Delay?.Value);
        Line("horizon", value.Horizon?.Value);
        foreach (var s in value.Scenarios)
            foreach (var o in s.Overrides) Line("scenario", s.Name, o.Name, o.Expression.Value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Part(object? part) => part switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => part.ToString() ?? "",
    };
}
