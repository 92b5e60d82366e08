using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.Endpoints;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Invocations;

/// <summary>
/// The native endpoint API with two use cases served (churn and penguins): defaults, list/show/schema, replacing
/// variants (Deploy; a new live @production variant needs Promote as well), audit before → after, delete, native invocations,
/// and an endpoint whose model cannot load (503, /ping 503).
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class EndpointRoutesTests(TrainedModels trained) : IAsyncLifetime
{
    private TempFolder _churn = null!;
    private TempFolder _penguins = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _churn = trained.Churn.Copy();
        _penguins = trained.Penguins.Copy();
        _host = await TestHost.StartAsync(_churn.Path, _penguins.Path);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _churn.Dispose();
        _penguins.Dispose();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Each_use_case_gets_an_endpoint_following_candidate_and_the_root_route_asks_for_a_name()
    {
        var list = await Json(await (await _host.AsAsync(Roles.Viewer)).GetAsync("/api/v1/endpoints"));
        Assert.Equal(["penguins", "telco-churn"], list.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var churn = list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "telco-churn");
        Assert.Equal("ready", churn.GetProperty("state").GetString());
        Assert.Equal(100, churn.GetProperty("captureShare").GetDouble());
        var variant = churn.GetProperty("variants")[0];
        Assert.Equal("primary", variant.GetProperty("name").GetString());
        Assert.Equal("telco-churn@candidate", variant.GetProperty("model").GetString());
        Assert.Equal("telco-churn:1", variant.GetProperty("loadedVersion").GetString());
        Assert.Equal(1, variant.GetProperty("trafficShare").GetDouble());

        var root = await _host.Admin().PostAsync("/invocations", new StringContent("1", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, root.StatusCode);
        Assert.Contains("2 endpoints", (await Json(root)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin().GetAsync("/api/v1/endpoints/nope")).StatusCode);
    }

    [Fact]
    public async Task Jobs_resolve_the_exact_version_an_endpoint_serves()
    {
        var models = _host.App.Services.GetRequiredService<IEndpointModels>();
        var served = await models.ResolveAsync("telco-churn");
        Assert.Equal(new EndpointModel("telco-churn", "primary", "telco-churn:1", Path.GetFullPath(_churn.Path)), served);
        Assert.Equal("primary", (await models.ResolveAsync("penguins", "primary")).Variant);
        await Assert.ThrowsAsync<NotFoundException>(() => models.ResolveAsync("nope"));
        await Assert.ThrowsAsync<NotFoundException>(() => models.ResolveAsync("penguins", "nope"));
    }

    [Fact]
    public async Task The_schema_lists_inputs_types_and_classes()
    {
        var schema = await Json(await _host.Admin().GetAsync("/api/v1/endpoints/penguins/schema"));
        Assert.Equal("multiclass", schema.GetProperty("task").GetString());
        Assert.Equal("penguins:1", schema.GetProperty("model").GetString());
        Assert.Contains(schema.GetProperty("inputs").EnumerateArray(), c => c.GetProperty("name").GetString() == "island" && c.GetProperty("type").GetString() == "text");
        Assert.Contains(schema.GetProperty("inputs").EnumerateArray(), c => c.GetProperty("name").GetString() == "bill_length_mm" && c.GetProperty("type").GetString() == "numeric");
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], schema.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).Order());
    }

    [Fact]
    public async Task Putting_variants_is_audited_and_production_needs_promote()
    {
        var scientist = await _host.AsAsync(Roles.Scientist);
        var body = new { variants = new object[] { new { name = "a", model = "penguins:1", weight = 3 }, new { name = "b", model = "penguins@candidate", weight = 1 }, new { name = "challenger", model = "penguins:1", shadow = true } }, captureShare = 20 };
        var put = await scientist.PutAsJsonAsync("/api/v1/endpoints/penguins", body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var view = await Json(put);
        Assert.Equal(20, view.GetProperty("captureShare").GetDouble());
        Assert.Equal([0.75, 0.25, 0], view.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("trafficShare").GetDouble()));
        Assert.Equal("ready", view.GetProperty("state").GetString());

        var trail = await _host.Store.Store.AuditTrailAsync("endpoint:penguins");
        var change = trail.Last();
        Assert.Equal("endpoint.put", change.Action);
        Assert.StartsWith("key:test-scientist-", change.Actor, StringComparison.Ordinal);
        var details = JsonDocument.Parse(change.DetailsJson).RootElement;
        Assert.Equal("penguins@candidate", details.GetProperty("before").GetProperty("variants")[0].GetProperty("model").GetString());
        Assert.Equal("challenger", details.GetProperty("after").GetProperty("variants")[2].GetProperty("name").GetString());

        var targeted = new HttpRequestMessage(HttpMethod.Post, "/endpoints/penguins/invocations")
        { Content = new StringContent("""{"instances":[{"island":"Biscoe","bill_length_mm":45,"bill_depth_mm":15,"flipper_length_mm":220,"body_mass_g":5000,"sex":"male","year":2008}]}""", Encoding.UTF8, "application/json") };
        targeted.Headers.Add("X-Amzn-SageMaker-Target-Variant", "b");
        var answer = await _host.Admin().SendAsync(targeted);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("b", answer.Headers.GetValues("x-Amzn-Invoked-Production-Variant").Single());

        var production = new { variants = new[] { new { name = "primary", model = "penguins@production" } } };
        var refused = await scientist.PutAsJsonAsync("/api/v1/endpoints/penguins", production);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("promotion", (await Json(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noAlias = await _host.Admin().PutAsJsonAsync("/api/v1/endpoints/penguins", production);
        Assert.Equal(HttpStatusCode.BadRequest, noAlias.StatusCode); // allowed (Deploy and Promote), but penguins has no @production yet
        Assert.Equal("variants[0].model", (await Json(noAlias)).GetProperty("element").GetString());
        var approver = await _host.AsAsync(Roles.Approver);
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PutAsJsonAsync("/api/v1/endpoints/penguins", body)).StatusCode); // an approver promotes by moving the alias
    }

    [Theory]
    [InlineData("""{"variants":[]}""", "variants")]
    [InlineData("""{"variants":[{"name":"a","model":"penguins:1","weight":-1}]}""", "variants[0].weight")]
    [InlineData("""{"variants":[{"name":"a","model":"penguins:1","shadow":true}]}""", "variants")]
    [InlineData("""{"variants":[{"name":"a","model":"penguins:9"}]}""", "variants[0].model")]
    [InlineData("""{"variants":[{"name":"a","model":"no such:1"}]}""", "variants[0].model")]
    [InlineData("""{"variants":[{"name":"a","model":"penguins:1"}],"captureShare":101}""", "captureShare")]
    [InlineData("""{"variants":[{"name":"a","model":"penguins:1"}],"useCaseFolder":"/tmp"}""", "useCaseFolder")]
    public async Task A_bad_definition_is_a_400_naming_the_field(string json, string element)
    {
        var response = await _host.Admin().PutAsync("/api/v1/endpoints/penguins", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(element, (await Json(response)).GetProperty("element").GetString());
    }

    [Fact]
    public async Task A_new_endpoint_is_created_invoked_natively_with_explanations_and_deleted()
    {
        var created = await _host.Admin().PutAsJsonAsync("/api/v1/endpoints/churn-b", new { variants = new[] { new { name = "v1", model = "telco-churn:1" } }, useCaseFolder = _churn.Path });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var record = new Dictionary<string, object?>
        {
            ["state"] = "KS", ["account_length"] = 128, ["area_code"] = "area_code_415", ["international_plan"] = "no", ["voice_mail_plan"] = "yes",
            ["number_vmail_messages"] = 25, ["total_day_minutes"] = 265.1, ["total_day_calls"] = 110, ["total_day_charge"] = 45.07, ["total_eve_minutes"] = 197.4,
            ["total_eve_calls"] = 99, ["total_eve_charge"] = 16.78, ["total_night_minutes"] = 244.7, ["total_night_calls"] = 91, ["total_night_charge"] = 11.01,
            ["total_intl_minutes"] = 10, ["total_intl_calls"] = 3, ["total_intl_charge"] = 2.7, ["number_customer_service_calls"] = 1,
        };
        var invoker = await _host.AsAsync(Roles.Invoker);
        var answer = await Json(await invoker.PostAsJsonAsync("/api/v1/endpoints/churn-b/invocations?explain=true", new { records = new[] { record } }));
        Assert.Equal("churn-b", answer.GetProperty("endpoint").GetString());
        Assert.Equal("telco-churn:1", answer.GetProperty("model").GetString());
        Assert.Equal("baseline-substitution", answer.GetProperty("predictions")[0].GetProperty("explanation").GetProperty("method").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await invoker.DeleteAsync("/api/v1/endpoints/churn-b")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin().DeleteAsync("/api/v1/endpoints/churn-b")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin().PostAsJsonAsync("/endpoints/churn-b/invocations", new { records = new[] { record } })).StatusCode);
        Assert.Equal("endpoint.delete", (await _host.Store.Store.AuditTrailAsync("endpoint:churn-b")).Last().Action);
    }

    [Fact]
    public async Task An_endpoint_whose_package_cannot_load_is_not_ready()
    {
        using var broken = trained.Churn.Copy();
        foreach (var zip in Directory.EnumerateFiles(Path.Combine(broken.Path, ".flywheel", "artifacts"), "model.zip", SearchOption.AllDirectories))
            File.AppendAllText(zip, "tampered");
        await using var host = await TestHost.StartAsync(broken.Path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Anonymous().GetAsync("/ping")).StatusCode);
        var response = await host.Admin().PostAsync("/invocations", new StringContent("1,2", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no model loaded", (await Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var view = await Json(await host.Admin().GetAsync("/api/v1/endpoints/telco-churn"));
        Assert.Equal("not-ready", view.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(view.GetProperty("variants")[0].GetProperty("error").GetString()));
    }
}
