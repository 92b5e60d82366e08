using Flywheel.Data.Preprocessing;
using Flywheel.Data.Sources;
using Flywheel.Data.Splits;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Tests.Data.Preprocessing;

public class PlanSerializationTests
{
    private static float[][] Features(IDataView view) =>
        view.GetColumn<VBuffer<float>>(PreparedData.FeaturesColumn).Select(vector => vector.DenseValues().ToArray()).ToArray();

    private static ColumnTable WithText()
    {
        var fixture = PreparationFixtures.Table();
        string?[] notes = ["great service", "too expensive", null, "slow network", "great price", "ok", "expensive plan", "never seen words", "great", "slow"];
        string?[] zip = Enumerable.Range(0, 10).Select(i => (string?)$"z{i % 4}").ToArray();
        return new ColumnTable([.. fixture.Columns, TableColumn.Text("notes", ColumnKind.Text, notes), TableColumn.Text("zip", ColumnKind.Categorical, zip)], "fixture.csv");
    }

    private static PreparationOptions Options() => PreparationFixtures.Binary() with
    {
        Plan = new PlanOptions
        {
            Columns = new Dictionary<string, ColumnOverride>
            {
                ["zip"] = new(ColumnTreatment.Hashed, HashBits: 4),
                ["city"] = new(ColumnTreatment.Ordinal, Order: ["kyoto", "osaka", "tokyo"]),
            },
        },
    };

    [Fact]
    public void Saved_and_reloaded_transformer_gives_identical_features()
    {
        var prepared = DataPreparation.Prepare(WithText(), Options());
        using var stream = new MemoryStream();
        prepared.Context.Model.Save(prepared.Transformer, prepared.InputSchema, stream);
        stream.Position = 0;
        var reloaded = new MLContext().Model.Load(stream, out var schema);

        Assert.Equal(prepared.InputColumns.Select(c => c.Name), schema.Select(c => c.Name));
        var input = ServingInput.ToDataView(WithText(), prepared.InputColumns);
        var original = Features(prepared.Transformer.Transform(input));
        var again = Features(reloaded.Transform(input));
        Assert.Equal(original.Length, again.Length);
        for (var row = 0; row < original.Length; row++) Assert.Equal(original[row], again[row]);
        Assert.Equal(Features(prepared.Test)[0], original[9]);
    }

    [Fact]
    public void Fitted_plan_round_trips_through_json_and_recompiles_to_the_same_features()
    {
        var table = PreparationFixtures.Table();
        var prepared = DataPreparation.Prepare(table, PreparationFixtures.Binary());
        var json = PlanJson.Serialize(prepared.Plan);
        var restored = PlanJson.DeserializeFitted(json);
        Assert.Equal(json, PlanJson.Serialize(restored));

        var context = new MLContext(1);
        var input = ServingInput.ToDataView(table, prepared.InputColumns);
        var recompiled = PlanCompiler.Compile(context, restored).Fit(input);
        var expected = Features(prepared.Transformer.Transform(input));
        var actual = Features(recompiled.Transform(input));
        for (var row = 0; row < expected.Length; row++) Assert.Equal(expected[row], actual[row]);
        Assert.Contains("\"treatment\": \"oneHot\"", json);
        Assert.Contains("\"reason\": \"constant in train\"", json);
    }

    [Fact]
    public void Ordinal_and_hashed_overrides_are_applied()
    {
        var prepared = DataPreparation.Prepare(WithText(), Options());
        Assert.Equal(ColumnTreatment.Ordinal, prepared.Plan.Plan.Find("city")!.Treatment);
        Assert.Equal(4, prepared.Plan.Plan.Find("zip")!.HashBits);
        // Layout: income, income.missing, city (ordinal), city.missing, notes (text n-grams …), zip (16 hashed slots).
        var train = Features(prepared.Train);
        Assert.Equal([3f, 2f, 3f, 3f, 1f], train.Take(5).Select(row => row[2]));
        var validation = Features(prepared.Validation);
        Assert.Equal(0f, validation[0][2]); // "zz" is not in the order
        Assert.Equal(1f, validation[0].TakeLast(16).Sum()); // a hashed category lights exactly one slot
    }

    [Fact]
    public void A_missing_feature_column_at_serving_time_is_an_input_error_naming_it()
    {
        var prepared = DataPreparation.Prepare(PreparationFixtures.Table(), PreparationFixtures.Binary());
        var rows = new ColumnTable([TableColumn.Numeric("income", [1.0])], "request.json");
        var error = Assert.Throws<InputException>(() => ServingInput.ToDataView(rows, prepared.InputColumns));
        Assert.Contains("'city'", error.Message);
    }

    [Fact]
    public void Boolean_columns_accept_yes_no_spellings_at_serving_time()
    {
        var fixture = PreparationFixtures.Table();
        string?[] plan = ["true", "false", "true", "true", "false", "false", "true", "false", "true", "false"];
        var table = new ColumnTable([.. fixture.Columns, TableColumn.Text("intl", ColumnKind.Boolean, plan)], "fixture.csv");
        var prepared = DataPreparation.Prepare(table, PreparationFixtures.Binary());
        Assert.Equal(["true", "false"], prepared.Plan.Column("intl").Vocabulary);

        ColumnTable Request(string intl) => new([
            TableColumn.Numeric("income", [30.0]),
            TableColumn.Text("city", ColumnKind.Categorical, ["osaka"]),
            TableColumn.Text("intl", ColumnKind.Boolean, [intl])], "request.json");
        float[] Row(string intl) => Features(prepared.Transformer.Transform(ServingInput.ToDataView(Request(intl), prepared.InputColumns)))[0];

        Assert.Equal(Row("true"), Row("Yes"));
        Assert.Equal(Row("true"), Row("1"));
        Assert.Equal(Row("false"), Row("no"));
        Assert.NotEqual(Row("true"), Row("false"));
    }
}
