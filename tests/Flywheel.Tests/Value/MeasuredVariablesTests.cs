using System.Net;
using Flywheel.Reports;
using Flywheel.UseCases;
using Flywheel.Value;

namespace Flywheel.Tests.Value;

/// <summary>A model's measured figures replace the file's placeholders, and every one of them says where it comes from.</summary>
public class MeasuredVariablesTests
{
    private const string Yaml = """
        name: t
        statement: As a buyer, I only ever see genuine items.
        value:
          parameters:
            base_loss: { value: 1000, unit: JPY/day }
            decision.value_per_day: { value: -50, unit: JPY/day, owner: Data Scientist }
            model.recall: { value: 0.8, range: [0.5, 0.9] }
            fakes_per_day: { value: 10, unit: item/day }
          formulas:
            caught: fakes_per_day * model.recall * 100 JPY/item
          value: base_loss + decision.value_per_day + caught
          costs: { development: 1000000 JPY }
          horizon: 1 year
        """;

    private static UseCase UseCase(string yaml = Yaml) => UseCaseLoader.Parse(yaml, "f.yaml");

    private static MeasuredVariables Measured(params (string Name, double Amount, string Unit)[] extra) =>
        MeasuredVariables.From("t:2", "test", new[] { ("decision.value_per_day", 120.0, "JPY/day"), ("model.recall", 0.6, ""), ("model.auc", 0.9, "") }
            .Concat(extra).ToDictionary(v => v.Item1, v => (v.Item2, v.Item3)));

    [Fact]
    public void Without_a_model_the_placeholders_price_the_use_case_and_say_so()
    {
        var result = ValueAnalysis.Run(UseCase());
        // 1000 − 50 + 10 × 0.8 × 100 = 1750 JPY/day
        Assert.Equal(1750, result.Base.ValuePerDay.Value, 9);
        var document = ValueDocument.From(result);
        Assert.Null(document.Model);
        Assert.Equal(["decision.value_per_day", "model.recall"], document.ModelVariables.Select(v => v.Name));
        Assert.All(document.ModelVariables, v => Assert.Equal("placeholder — no model trained yet", v.Source));
        Assert.All(document.ModelVariables, v => Assert.False(v.Measured));
        Assert.Null(document.Parameters.Single(p => p.Name == "base_loss").Source);
    }

    [Fact]
    public void Measured_figures_override_the_placeholders_and_are_labelled_with_the_model()
    {
        var result = ValueAnalysis.Run(UseCase(), measured: Measured());
        // 1000 + 120 + 10 × 0.6 × 100 = 1720 JPY/day
        Assert.Equal(1720, result.Base.ValuePerDay.Value, 9);
        var document = ValueDocument.From(result);
        Assert.Equal(new MeasuredModelDocument("t:2", "test"), document.Model);
        // model.auc is measured but not read by the value model: not listed.
        Assert.Equal(["decision.value_per_day", "model.recall"], document.ModelVariables.Select(v => v.Name));
        Assert.All(document.ModelVariables, v => Assert.Equal("measured on test, model t:2", v.Source));
        var parameter = document.Parameters.Single(p => p.Name == "decision.value_per_day");
        Assert.Equal((120, "JPY/day", true), (parameter.Value, parameter.Unit, parameter.Measured));
        Assert.Equal("measured on test, model t:2", parameter.Source);
    }

    [Fact]
    public void A_measured_figure_is_swept_only_over_a_declared_range()
    {
        var rows = ValueAnalysis.Run(UseCase(), measured: Measured()).Sensitivity;
        Assert.DoesNotContain(rows, row => row.Parameter == "decision.value_per_day");
        var recall = rows.Single(row => row.Parameter == "model.recall");
        // recall 0.5 → 1000 + 120 + 500 = 1620; recall 0.9 → 1000 + 120 + 900 = 2020
        Assert.Equal((0.5, 0.9), (recall.Low, recall.High));
        Assert.Equal(1620, recall.ValueAtLow.Value, 9);
        Assert.Equal(2020, recall.ValueAtHigh.Value, 9);
        // fakes_per_day ±20%: 8 → 1000 + 120 + 480 = 1600
        Assert.Equal(1600, rows.Single(row => row.Parameter == "fakes_per_day").ValueAtLow.Value, 9);
    }

    [Fact]
    public void Goal_seek_starts_from_the_measured_figure()
    {
        var result = ValueAnalysis.Run(UseCase(), new ValueAnalysisOptions(SeekParameter: "decision.value_per_day"), measured: Measured());
        var seek = result.Seek!;
        // Break even in a year: 1000 + x + 600 ≥ 1,000,000 / 365.25 = 2737.85 → x ≥ 1137.85 JPY/day.
        Assert.Equal(120, seek.BaseAmount, 9);
        Assert.Equal("at least", seek.Direction);
        Assert.Equal(1_000_000 / 365.25 - 1600, seek.Limit!.Value, 6);
    }

    [Fact]
    public void An_undeclared_measured_variable_is_listed_in_its_own_unit()
    {
        var yaml = Yaml.Replace("value: base_loss + decision.value_per_day + caught", "value: base_loss + decision.value_per_item * fakes_per_day");
        var result = ValueAnalysis.Run(UseCase(yaml), measured: Measured(("decision.value_per_item", 7, "JPY/item")));
        // 1000 + 7 × 10
        Assert.Equal(1070, result.Base.ValuePerDay.Value, 9);
        var variable = ValueDocument.From(result).ModelVariables.Single(v => v.Name == "decision.value_per_item");
        Assert.Equal(new AmountDocument(7, "JPY/item"), variable.Value);
        Assert.True(variable.Measured);
    }

    [Fact]
    public void The_value_page_headline_is_the_value_with_the_model_and_what_it_adds_when_measured()
    {
        var withoutAdded = ValueAnalysis.Run(UseCase(), measured: Measured());
        Assert.Equal(new KeyFigure("Value with model t:2", "1,720 JPY/day", "base scenario, measured on test, model t:2"), ValueReport.ValueFigure(withoutAdded));
        Assert.Null(ValueReport.ValueAddedFigure(withoutAdded));

        var withAdded = ValueAnalysis.Run(UseCase(), measured: Measured(("decision.value_added_per_day", 345, "JPY/day")));
        Assert.Equal(new KeyFigure("Value added over the best alternative", "345 JPY/day", "measured on test, model t:2"), ValueReport.ValueAddedFigure(withAdded));
        var html = WebUtility.HtmlDecode(ValueReport.Build(withAdded).ToHtml());
        Assert.Contains("Value added over the best alternative", html);
        Assert.Contains("Figures of model t:2", html);
        Assert.DoesNotContain("placeholder", html.Replace("a placeholder until", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_model_the_value_page_names_the_placeholders()
    {
        var result = ValueAnalysis.Run(UseCase());
        Assert.Equal(new KeyFigure("Value", "1,750 JPY/day", "base scenario; decision.value_per_day, model.recall: placeholder — no model trained yet"), ValueReport.ValueFigure(result));
        var html = WebUtility.HtmlDecode(ValueReport.Build(result).ToHtml());
        Assert.Contains("Figures a model will measure", html);
        Assert.Contains("No model has been trained yet", html);
    }
}
