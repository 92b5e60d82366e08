using Flywheel.UseCases;
using Flywheel.Value;
using Flywheel.Value.Plans;

namespace Flywheel.Tests.Value;

/// <summary><c>units: { counts: [...] }</c>: count units a use case declares beside the built-in list.</summary>
public class CountUnitTests
{
    private const string Priced = """
        value:
          parameters:
            applications_per_day: 40 申込/day
            minutes: { value: 30, unit: min/application }
            hourly_cost: 2000 JPY/h
            checked: 10 customers/day
          formulas:
            saved: applications_per_day * minutes * hourly_cost
          value: saved + checked * 0 JPY/customer
        """;

    private static UseCase Parse(string text) => UseCaseLoader.Parse("name: n\nstatement: s\n" + text, "flywheel.yaml");

    [Fact]
    public void Declared_counts_cancel_like_the_built_in_ones()
    {
        var useCase = Parse("units:\n  counts: [application, 申込]\n" + Priced);
        var result = ValueModel.Load(useCase).Evaluate();
        // 40 × 30 min = 20 h a day × 2,000 JPY/h = 40,000 JPY/day; customers still a count.
        Assert.Equal(40_000, result.ValuePerDay.Value, 1e-9);
        Assert.Equal("JPY/day", result.ValuePerDay.UnitText);
    }

    [Fact]
    public void Without_the_declaration_a_japanese_count_is_an_unknown_unit_that_says_how_to_declare_it()
    {
        var error = Assert.Throws<InputException>(() => ValueModel.Load(Parse("units: { counts: [application] }\n" + Priced)));
        Assert.Contains("unknown unit '申込'", error.Message);
        Assert.Contains("units: { counts: [...] }", error.Message);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void The_built_in_list_is_the_default()
    {
        Assert.Contains("件", UnitCatalog.DefaultCounts);
        Assert.Contains("customers", UnitCatalog.DefaultCounts);
        Assert.DoesNotContain("申込", UnitCatalog.DefaultCounts);
        Assert.Null(UnitCatalog.Find("申込"));
        Assert.True(UnitCatalog.Find("申込", new HashSet<string> { "申込" })!.Dimension.IsNone);
        Assert.Empty(Parse("value: { value: 1 JPY/day }\n").Units.Counts);
    }

    [Theory]
    [InlineData("[day]", "cannot declare 'day': it is already a time unit", 3, 19)]
    [InlineData("[application, JPY]", "cannot declare 'JPY': it is already a currency", 3, 32)]
    public void A_count_that_is_already_a_time_or_a_currency_is_refused_where_it_is_written(string counts, string message, int line, int column)
    {
        var error = Assert.Throws<InputException>(() => ValueModel.Load(Parse($"units: {{ counts: {counts} }}\n" + Priced)));
        Assert.Contains(message, error.Message);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("[two words]", "not 'two words'")]
    [InlineData("[per/day]", "not 'per/day'")]
    [InlineData("[model.rows]", "not 'model.rows'")]
    public void A_count_is_one_word(string counts, string message)
    {
        var error = Assert.Throws<InputException>(() => Parse($"units: {{ counts: {counts} }}\n"));
        Assert.Contains(message, error.Message);
        Assert.Contains("'units.counts' holds single words", error.Message);
    }

    [Fact]
    public void An_unknown_key_under_units_is_refused()
    {
        var error = Assert.Throws<InputException>(() => Parse("units: { count: [application] }\n"));
        Assert.Equal("unknown key 'count' in 'units'; expected one of: counts", error.Message);
    }

    [Fact]
    public void A_plan_steps_measured_figure_may_use_a_declared_count()
    {
        var useCase = Parse("""
            units: { counts: [申込] }
            plan:
              metric: model.recall
              steps:
                - name: by-hand
                  kind: manual
                  measured: { handled: 120 申込/day }
            """);
        var figures = PlanPricing.Declared(useCase.Plan!.Steps[0], UnitCatalog.DeclaredCounts(useCase.Units));
        Assert.Equal(120, figures["handled"].Value, 1e-9);
        Assert.Throws<InputException>(() => PlanPricing.Declared(useCase.Plan.Steps[0]));
    }
}
