using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Server.Invocations;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Invocations;

/// <summary>
/// The SageMaker container contract on the churn model (binary), requests written as SageMaker's docs write them:
/// headerless CSV, JSON instances, JSON Lines; every header and error code; scores equal to <c>CsvPredictor</c>'s.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class SageMakerProtocolTests(TrainedModels trained) : IAsyncLifetime
{
    private TempFolder _folder = null!;
    private TestHost _host = null!;
    private SampleRows _rows = null!;

    public async Task InitializeAsync()
    {
        _folder = trained.Churn.Copy();
        _rows = await SampleRows.LoadAsync(_folder.Path, "data/mlc_churn.csv", "telco-churn@candidate", 20);
        _host = await TestHost.StartAsync(new ServerOptions { UseCases = [_folder.Path] },
            builder => builder.Services.AddSingleton(new InvocationOptions { MaxRows = 50 }));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private static StringContent Body(string text, string type) => new(text, Encoding.UTF8, type);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Ping_is_anonymous_and_empty_when_the_model_is_loaded()
    {
        var response = await _host.Anonymous().GetAsync("/ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Headerless_csv_scores_as_the_batch_predictor_does()
    {
        var client = _host.Admin();
        foreach (var path in new[] { "/invocations", "/endpoints/telco-churn/invocations" })
        {
            var response = await client.PostAsync(path, Body(_rows.HeaderlessCsv(), "text/csv"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("primary", response.Headers.GetValues(SageMakerHeaders.InvokedVariant).Single());
            Assert.Equal("telco-churn:1", response.Headers.GetValues(SageMakerHeaders.ModelVersion).Single());
            var predictions = (await Json(response)).GetProperty("predictions").EnumerateArray().ToList();
            Assert.Equal(20, predictions.Count);
            for (var i = 0; i < predictions.Count; i++)
            {
                Assert.Equal(_rows.Expected[i].Score, predictions[i].GetProperty("score").GetDouble(), 1e-9);
                Assert.Equal(_rows.Expected[i].Label, predictions[i].GetProperty("predicted_label").GetString());
                Assert.Equal(["no", "yes"], predictions[i].GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
                var probabilities = predictions[i].GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToList();
                Assert.Equal(1, probabilities.Sum(), 1e-9);
                Assert.Equal(_rows.Expected[i].Score, probabilities[1], 1e-9);
            }
        }
    }

    [Fact]
    public async Task A_csv_label_size_parameter_and_charset_are_tolerated_and_csv_and_jsonlines_answer_row_by_row()
    {
        var client = _host.Admin();
        var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = new StringContent(_rows.HeaderlessCsv(3)) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("text/csv; label_size=0; charset=utf-8");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(_rows.Expected[0].Label + ",", lines[0], StringComparison.Ordinal);

        var jsonLines = string.Join("\n", _rows.Records(3).Select(r => JsonSerializer.Serialize(r)));
        request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = Body(jsonLines, "application/jsonlines") };
        request.Headers.Accept.ParseAdd("application/jsonlines");
        var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var objects = (await answer.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(3, objects.Count);
        Assert.Equal(_rows.Expected[2].Score, objects[2].GetProperty("score").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task Json_instances_score_the_same_and_the_inference_id_and_attributes_come_back()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/endpoints/telco-churn/invocations") { Content = JsonContent.Create(new { instances = _rows.Records(2) }) };
        request.Headers.Add(SageMakerHeaders.InferenceId, "order-42");
        request.Headers.Add(SageMakerHeaders.CustomAttributes, "trace=abc; tenant=1");
        var response = await _host.Admin().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("order-42", response.Headers.GetValues(SageMakerHeaders.InferenceId).Single());
        Assert.Equal("trace=abc; tenant=1", response.Headers.GetValues(SageMakerHeaders.CustomAttributes).Single());
        var predictions = (await Json(response)).GetProperty("predictions");
        Assert.Equal("order-42", predictions[1].GetProperty("inference_id").GetString());
        Assert.Equal(_rows.Expected[1].Score, predictions[1].GetProperty("score").GetDouble(), 1e-9);

        var generated = await _host.Admin().PostAsync("/invocations", Body(_rows.HeaderlessCsv(1), "text/csv"));
        var id = generated.Headers.GetValues(SageMakerHeaders.InferenceId).Single();
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(id, (await Json(generated)).GetProperty("predictions")[0].GetProperty("inference_id").GetString());
    }

    [Fact]
    public async Task Explanations_list_the_top_five_contributions_by_baseline_substitution()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = Body(_rows.HeaderlessCsv(1), "text/csv") };
        request.Headers.Add(SageMakerHeaders.EnableExplanations, "`true`");
        var explanation = (await Json(await _host.Admin().SendAsync(request))).GetProperty("predictions")[0].GetProperty("explanation");
        Assert.Equal("baseline-substitution", explanation.GetProperty("method").GetString());
        Assert.Equal(_rows.Expected[0].Score, explanation.GetProperty("score").GetDouble(), 1e-9);
        var changes = explanation.GetProperty("contributions").EnumerateArray().Select(c => Math.Abs(c.GetProperty("change").GetDouble())).ToList();
        Assert.Equal(5, changes.Count);
        Assert.Equal(changes.OrderByDescending(c => c), changes);
        Assert.True(changes[0] > 0);

        var three = await _host.Admin().PostAsync("/invocations?explain=true&explain_top=3", Body(_rows.HeaderlessCsv(1), "text/csv"));
        Assert.Equal(3, (await Json(three)).GetProperty("predictions")[0].GetProperty("explanation").GetProperty("contributions").GetArrayLength());
        var none = await _host.Admin().PostAsync("/invocations", Body(_rows.HeaderlessCsv(1), "text/csv"));
        Assert.False((await Json(none)).GetProperty("predictions")[0].TryGetProperty("explanation", out _));
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_naming_the_row_and_column()
    {
        var rows = _rows.HeaderlessCsv(3).Split('\n');
        var fields = rows[1].Split(',');
        var column = _rows.Spec.Inputs.Select((input, i) => (input, i)).First(p => p.input.Numeric);
        fields[column.i] = "abc";
        rows[1] = string.Join(",", fields);
        var response = await _host.Admin().PostAsync("/invocations", Body(string.Join("\n", rows), "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json(response);
        Assert.Equal($"row 2, column '{column.input.Name}': must be a number, not 'abc'", problem.GetProperty("detail").GetString());
        Assert.Equal($"row 2, column '{column.input.Name}'", problem.GetProperty("element").GetString());
    }

    [Theory]
    [InlineData("application/xml", null, HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-recordio-protobuf", null, HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text/csv", "application/xml", HttpStatusCode.NotAcceptable)]
    public async Task Unsupported_content_type_and_accept_are_415_and_406(string contentType, string? accept, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = Body(_rows.HeaderlessCsv(1), contentType) };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await _host.Admin().SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Empty_body_is_204_too_many_rows_and_too_many_bytes_are_413()
    {
        var client = _host.Admin();
        var empty = await client.PostAsync("/invocations", Body("", "text/csv"));
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);

        var many = string.Concat(Enumerable.Repeat(_rows.HeaderlessCsv(1), 51));
        var rows = await client.PostAsync("/invocations", Body(many, "text/csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, rows.StatusCode);
        Assert.Contains("more than 50 rows", (await Json(rows)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var big = new ByteArrayContent(new byte[InvocationOptions.SageMakerBodyLimit + 1]);
        big.Headers.ContentType = new("text/csv");
        var bytes = await client.PostAsync("/invocations", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bytes.StatusCode);
        Assert.Contains("6,291,456 bytes", (await Json(bytes)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SageMakerHeaders.InferenceId, "has space")]
    [InlineData(SageMakerHeaders.InferenceId, "0123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData(SageMakerHeaders.CustomAttributes, "long")]
    [InlineData(SageMakerHeaders.TargetVariant, "nope")]
    public async Task Bad_headers_are_400(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = Body(_rows.HeaderlessCsv(1), "text/csv") };
        request.Headers.TryAddWithoutValidation(header, value == "long" ? new string('a', 1025) : value);
        var response = await _host.Admin().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(header, (await Json(response)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_endpoint_is_404_and_roles_are_enforced()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin().PostAsync("/endpoints/nope/invocations", Body("1", "text/csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous().PostAsync("/invocations", Body(_rows.HeaderlessCsv(1), "text/csv"))).StatusCode);
        var viewer = await _host.AsAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/invocations", Body(_rows.HeaderlessCsv(1), "text/csv"))).StatusCode);
        var invoker = await _host.AsAsync(Roles.Invoker);
        Assert.Equal(HttpStatusCode.OK, (await invoker.PostAsync("/invocations", Body(_rows.HeaderlessCsv(1), "text/csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await invoker.GetAsync("/version")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous().GetAsync("/version")).StatusCode);
    }

    [Fact]
    public async Task Execution_parameters_and_version_answer_as_sagemaker_and_mlflow_do()
    {
        var parameters = await Json(await _host.Admin().GetAsync("/execution-parameters"));
        Assert.Equal("MULTI_RECORD", parameters.GetProperty("BatchStrategy").GetString());
        Assert.Equal(6, parameters.GetProperty("MaxPayloadInMB").GetInt32());
        Assert.True(parameters.GetProperty("MaxConcurrentTransforms").GetInt32() >= 1);
        var version = await _host.Admin().GetAsync("/version");
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Matches(@"^\d+\.\d+\.\d+$", await version.Content.ReadAsStringAsync());
    }
}
