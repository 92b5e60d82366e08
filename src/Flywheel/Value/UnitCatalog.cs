using System.Text.RegularExpressions;

namespace Flywheel.Value;

/// <summary>
/// The unit names a formula may use. Time units convert into each other; any three-letter upper-case code
/// is a currency; counts (people, items, 件 ...) are labels that cancel out, so "JPY/claim × claims/day" is JPY/day.
/// The counts below are the default; a use case adds its own in <c>units.counts</c> (see <see cref="DeclaredCounts"/>).
/// </summary>
public static partial class UnitCatalog
{
    public const double DaysPerYear = 365.25;
    public const double DaysPerMonth = DaysPerYear / 12;

    private static readonly Dictionary<string, double> TimeUnitsInDays = new(StringComparer.Ordinal)
    {
        ["s"] = 1.0 / 86400, ["sec"] = 1.0 / 86400, ["second"] = 1.0 / 86400, ["seconds"] = 1.0 / 86400, ["秒"] = 1.0 / 86400,
        ["min"] = 1.0 / 1440, ["minute"] = 1.0 / 1440, ["minutes"] = 1.0 / 1440, ["分"] = 1.0 / 1440,
        ["h"] = 1.0 / 24, ["hr"] = 1.0 / 24, ["hrs"] = 1.0 / 24, ["hour"] = 1.0 / 24, ["hours"] = 1.0 / 24, ["時間"] = 1.0 / 24,
        ["day"] = 1, ["days"] = 1, ["日"] = 1,
        ["week"] = 7, ["weeks"] = 7, ["wk"] = 7, ["週"] = 7,
        ["month"] = DaysPerMonth, ["months"] = DaysPerMonth, ["mo"] = DaysPerMonth, ["か月"] = DaysPerMonth, ["ヶ月"] = DaysPerMonth, ["月"] = DaysPerMonth,
        ["year"] = DaysPerYear, ["years"] = DaysPerYear, ["yr"] = DaysPerYear, ["年"] = DaysPerYear,
    };

    private static readonly Dictionary<string, string> CurrencyAliases = new(StringComparer.Ordinal)
    {
        ["円"] = "JPY", ["yen"] = "JPY", ["ドル"] = "USD", ["ユーロ"] = "EUR",
    };

    public static IReadOnlySet<string> DefaultCounts { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "person", "persons", "people", "item", "items", "customer", "customers", "claim", "claims", "comment", "comments",
        "bottle", "bottles", "user", "users", "order", "orders", "case", "cases", "check", "checks", "review", "reviews",
        "inspection", "inspections", "transaction", "transactions", "listing", "listings", "ticket", "tickets",
        "call", "calls", "event", "events", "message", "messages", "request", "requests", "unit", "units",
        "document", "documents", "product", "products", "visit", "visits", "prediction", "predictions", "label", "labels",
        "人", "件", "個", "本", "名", "回", "枚", "台", "社", "点", "通",
    };

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    /// <summary>The unit named by one word, or null when the word is not a unit.</summary>
    public static Unit? Find(string name) => Find(name, null);

    /// <summary>The unit named by one word, counting <paramref name="declaredCounts"/> as counts beside the default ones.</summary>
    public static Unit? Find(string name, IReadOnlySet<string>? declaredCounts)
    {
        if (TimeUnitsInDays.TryGetValue(name, out var days)) return new Unit(days, Dimension.Of(Dimension.Time), name);
        if (CurrencyAliases.TryGetValue(name, out var code)) return new Unit(1, Dimension.Of(code), name);
        if (CurrencyCode().IsMatch(name)) return new Unit(1, Dimension.Of(name), name);
        if (DefaultCounts.Contains(name) || declaredCounts?.Contains(name) == true) return new Unit(1, Dimension.None, name);
        return null;
    }

    public static bool IsUnit(string name) => Find(name) is not null;

    /// <summary>
    /// The count units a use case declares in <c>units.counts</c>; a word that is already a time unit or a currency
    /// would change what formulas mean, so it is refused where it is written.
    /// </summary>
    public static IReadOnlySet<string> DeclaredCounts(UseCases.UnitsSection units)
    {
        var counts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var count in units.Counts)
        {
            if (Find(count.Value) is { Dimension.IsNone: false } taken)
                throw count.Position.Error($"'units.counts' cannot declare '{count.Value}': it is already a {(taken.Dimension.IsTime ? "time unit" : "currency")}");
            counts.Add(count.Value);
        }
        return counts;
    }

    public static Unit Day { get; } = Find("day")!;
}
