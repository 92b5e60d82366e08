using Flywheel.Operate.Inference;
using Flywheel.Serving;
using Flywheel.Tasks;

namespace Flywheel.Tests.Operate;

/// <summary>One decoder, three dialects: every body shape SageMaker's and MLflow's docs write decodes to the same rows.</summary>
public sealed class RequestDecoderTests
{
    private static readonly ServingSpec Spec = new(MlTask.Binary,
        [new ServingInputColumn("tenure", true), new ServingInputColumn("plan", false), new ServingInputColumn("charges", true)],
        ["no", "yes"], new ServingPolicy("churn", "yes", false, 0.5, null, null, null));

    private static RequestRows Decode(string mediaType, string body, int maxRows = 100) => RequestDecoder.Decode(Spec, mediaType, body, maxRows);

    public static TheoryData<string, string, RequestShape> SameTwoRows() => new()
    {
        { "text/csv", "12,gold,70.5\n3,,20\n", RequestShape.SageMakerCsv },
        { "text/csv", "charges,plan,tenure,extra\r\n70.5,gold,12,x\r\n20,,3,y\r\n", RequestShape.MlflowCsv },
        { "application/json", """{"dataframe_split":{"columns":["tenure","plan","charges"],"data":[[12,"gold",70.5],[3,null,20]]}}""", RequestShape.MlflowJson },
        { "application/json", """{"dataframe_records":[{"tenure":12,"plan":"gold","charges":70.5},{"tenure":3,"plan":null,"charges":20}]}""", RequestShape.MlflowJson },
        { "application/json", """{"inputs":{"tenure":[12,3],"plan":["gold",null],"charges":[70.5,20]},"params":{"k":1}}""", RequestShape.MlflowJson },
        { "application/json", """{"inputs":[{"tenure":12,"plan":"gold","charges":70.5},{"tenure":3,"plan":null,"charges":"20"}]}""", RequestShape.MlflowJson },
        { "application/json", """{"instances":[{"features":[12,"gold",70.5]},{"features":[3,null,20]}]}""", RequestShape.SageMakerJson },
        { "application/json", """{"instances":[[12,"gold",70.5],[3,null,20]]}""", RequestShape.SageMakerJson },
        { "application/json", """[{"tenure":"12","plan":"gold","charges":70.5},{"tenure":3,"plan":"","charges":20}]""", RequestShape.SageMakerJson },
        { "application/json", """{"records":[{"tenure":12,"plan":"gold","charges":70.5},{"tenure":3,"charges":20,"plan":null}]}""", RequestShape.SageMakerJson },
        { "application/jsonlines", "{\"tenure\":12,\"plan\":\"gold\",\"charges\":70.5}\n\n[3,null,20]\n", RequestShape.JsonLines },
    };

    [Theory]
    [MemberData(nameof(SameTwoRows))]
    public void Every_shape_decodes_to_the_same_rows(string mediaType, string body, RequestShape shape)
    {
        var decoded = Decode(mediaType, body);
        Assert.Equal(shape, decoded.Shape);
        Assert.Equal(2, decoded.Rows.Count);
        Assert.Equal([12, double.NaN, 70.5], decoded.Rows[0].Numbers);
        Assert.Equal(new string?[] { null, "gold", null }, decoded.Rows[0].Texts);
        Assert.Equal([3, double.NaN, 20], decoded.Rows[1].Numbers);
        Assert.Null(decoded.Rows[1].Texts[1]); // empty text is the training file's missing token
    }

    [Fact]
    public void Mlflow_params_are_kept()
    {
        var decoded = Decode("application/json", """{"dataframe_records":[{"tenure":1,"plan":"a","charges":2}],"params":{"threshold":0.3}}""");
        Assert.True(decoded.IsMlflow);
        Assert.Equal(0.3, decoded.Params!.Value.GetProperty("threshold").GetDouble());
    }

    public static TheoryData<string, string, string, bool> BadBodies() => new()
    {
        { "text/csv", "1,a,2\n2,b,x\nabc,c,3\n", "row 2, column 'charges': must be a number, not 'x'", false },
        { "text/csv", "tenure,plan,charges\n1,a,2\nabc,b,3\n", "row 2, column 'tenure': must be a number, not 'abc'", true },
        { "text/csv", "1,a\n", "row 1 has 2 fields; the model reads 3 columns in this order (no header): tenure, plan, charges", false },
        { "application/json", """{"dataframe_records":[{"tenure":1,"plan":"a","charges":2},{"tenure":1,"plan":"a"}]}""", "row 2, column 'charges': missing", true },
        { "application/json", """{"dataframe_split":{"columns":["tenure","plan"],"data":[[1,"a"]]}}""", "dataframe_split.columns lacks 'charges'", true },
        { "application/json", """{"dataframe_records":[],"instances":[]}""", "it takes exactly one of", true },
        { "application/json", """{"instances":[{"tenure":true,"plan":"a","charges":1}]}""", "row 1, column 'tenure': must be a number, not true", false },
        { "application/json", """{"instances":[[1,"a",[2]]]}""", "row 1, column 'charges': must be a single value, not a list", false },
        { "application/json", """{"instances":[[1,"a"]]}""", "row 1 has 2 values; the model reads 3", false },
        { "application/json", """{"what":1}""", "none of dataframe_split, dataframe_records, instances, inputs", false },
        { "application/json", """{"instances":[""", "body is not valid JSON", false },
        { "application/jsonlines", "[1,\"a\",2]\n{oops}\n", "line 2 is not valid JSON", false },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void A_bad_body_names_the_row_and_column(string mediaType, string body, string message, bool mlflow)
    {
        var error = Assert.Throws<RequestException>(() => Decode(mediaType, body));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(mlflow, error.Mlflow);
        Assert.False(error.TooLarge);
    }

    [Fact]
    public void More_rows_than_the_limit_is_too_large_and_names_the_limit()
    {
        var error = Assert.Throws<RequestException>(() => Decode("text/csv", "1,a,2\n2,b,3\n3,c,4\n", maxRows: 2));
        Assert.True(error.TooLarge);
        Assert.Contains("more than 2 rows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("text/csv; q=0.9", "text/csv")]
    [InlineData("application/jsonlines", "application/jsonlines")]
    [InlineData("application/xml, text/csv", "text/csv")]
    [InlineData("application/xml", null)]
    public void Accept_picks_the_encoding(string? accept, string? expected) => Assert.Equal(expected, ResponseEncoder.Negotiate(accept));

    [Fact]
    public void Binary_predictions_encode_with_sagemaker_keys_in_every_encoding()
    {
        var predictions = new[] { new Prediction(new ScoredRow(0.8, "yes", DecisionRoute.Automatic)), new Prediction(new ScoredRow(0.25, "no", DecisionRoute.Review)) };
        var json = ResponseEncoder.Encode(Spec, predictions, "id-1", "application/json");
        Assert.Equal("""{"predictions":[{"predicted_label":"yes","probability":0.8,"probabilities":[0.19999999999999996,0.8],"labels":["no","yes"],"score":0.8,"decision":"automatic","inference_id":"id-1"},{"predicted_label":"no","probability":0.75,"probabilities":[0.75,0.25],"labels":["no","yes"],"score":0.25,"decision":"review","inference_id":"id-1"}]}""", json);
        var csv = ResponseEncoder.Encode(Spec, predictions, "id-1", "text/csv");
        Assert.Equal("yes,0.8,\"[0.19999999999999996,0.8]\",\"[\"\"no\"\",\"\"yes\"\"]\",0.8,automatic,id-1\nno,0.75,\"[0.75,0.25]\",\"[\"\"no\"\",\"\"yes\"\"]\",0.25,review,id-1\n", csv);
        var lines = ResponseEncoder.Encode(Spec, predictions, "id-1", "application/jsonlines").Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("""{"predicted_label":"yes","probability":0.8,""", lines[0], StringComparison.Ordinal);
        Assert.Equal("", lines[2]);
    }
}
