using System.Net;
using System.Text.Json;
using Flywheel.Serving;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Jobs;

[Collection(TrainedModelsCollection.Name)]
public sealed class BatchTransformApiTests(TrainedModels models)
{
    [Fact]
    public async Task A_transform_runs_on_the_job_server_and_its_output_is_what_predict_writes()
    {
        await using var server = await JobsServer.StartAsync(models.Churn);
        var client = server.Host.Admin();
        var response = await server.SubmitAsync(client, new { model = server.Model, input = "data/mlc_churn.csv" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = await JobsServer.JsonAsync(response);
        var id = submitted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/jobs/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("batch-transform", submitted.GetProperty("kind").GetString());
        Assert.Equal("key:admin", submitted.GetProperty("submittedBy").GetString()![..9]);

        var job = await server.WaitAsync(client, id);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var lines = File.ReadLines(server.Folder.File("data/mlc_churn.csv")).Count(line => line.Length > 0) - 1;
        Assert.Equal(lines, job.GetProperty("progress").GetProperty("rowsDone").GetInt64());
        Assert.Equal(lines, job.GetProperty("progress").GetProperty("rowsTotal").GetInt64());
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());

        var output = server.Folder.File("data/mlc_churn.csv.out");
        var expected = server.Folder.File("expected.csv");
        var model = ScoringModel.Load((await new Flywheel.Registry.ModelCatalog(server.Host.Store.Store).ResolveAsync(server.Model)).Package);
        CsvPredictor.Predict(model, server.Folder.File("data/mlc_churn.csv"), expected);
        Assert.Equal(await File.ReadAllBytesAsync(expected), await File.ReadAllBytesAsync(output));

        var download = await client.GetAsync($"/api/v1/batch-transform-jobs/{id}/output");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(expected), await download.Content.ReadAsByteArrayAsync());

        var logs = await JobsServer.JsonAsync(await client.GetAsync($"/api/v1/jobs/{id}/logs"));
        Assert.Contains(logs.EnumerateArray(), line => line.GetProperty("message").GetString()!.StartsWith("succeeded: ", StringComparison.Ordinal));
        var listed = await JobsServer.JsonAsync(await client.GetAsync("/api/v1/jobs?kind=batch-transform&state=succeeded"));
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await JobsServer.JsonAsync(await client.GetAsync("/api/v1/jobs?state=failed"))).EnumerateArray());
        var audit = await server.Host.Store.Store.AuditTrailAsync($"job:{id}");
        Assert.Equal("job.start", Assert.Single(audit).Action);
    }

    [Fact]
    public async Task An_uploaded_input_is_transformed_to_json_lines_without_the_input()
    {
        await using var server = await JobsServer.StartAsync(models.Churn);
        var client = server.Host.Admin();
        var csv = string.Join('\n', File.ReadLines(server.Folder.File("data/mlc_churn.csv")).Take(4)) + "\n";
        var upload = await client.PostAsync("/api/v1/uploads", new StringContent(csv));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var uploadId = (await JobsServer.JsonAsync(upload)).GetProperty("id").GetString();
        var response = await server.SubmitAsync(client, new { model = server.Model, upload = uploadId, accept = "application/jsonlines", joinSource = "None" });
        var id = (await JobsServer.JsonAsync(response)).GetProperty("id").GetString()!;
        Assert.Equal("succeeded", (await server.WaitAsync(client, id)).GetProperty("state").GetString());
        var body = await (await client.GetAsync($"/api/v1/batch-transform-jobs/{id}/output")).Content.ReadAsStringAsync();
        var records = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(3, records.Count);
        foreach (var record in records)
        {
            Assert.Equal(["score", "label", "decision", "suggested_label"], record.EnumerateObject().Select(p => p.Name));
            Assert.InRange(record.GetProperty("score").GetDouble(), 0, 1);
        }
    }

    [Theory]
    [InlineData("/etc/passwd", "input")]
    [InlineData("../outside.csv", "input")]
    [InlineData("data/missing.csv", "input")]
    public async Task A_path_outside_the_data_roots_or_missing_is_refused(string input, string element)
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        var response = await server.SubmitAsync(server.Host.Admin(), new { model = server.Model, input });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(element, (await JobsServer.JsonAsync(response)).GetProperty("element").GetString());
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_data_roots_is_refused()
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        using var outside = new TempFolder();
        File.WriteAllText(outside.File("secret.csv"), "a,b\n1,2\n");
        File.CreateSymbolicLink(server.Folder.File("data/link.csv"), outside.File("secret.csv"));
        var response = await server.SubmitAsync(server.Host.Admin(), new { model = server.Model, input = "data/link.csv" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outside the data roots", (await JobsServer.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"input":"data/mlc_churn.csv"}""", "model")]
    [InlineData("""{"model":"telco-churn@candidate","endpoint":"telco-churn","input":"data/mlc_churn.csv"}""", "model")]
    [InlineData("""{"model":"telco-churn@candidate"}""", "input")]
    [InlineData("""{"model":"telco-churn@candidate","input":"data/mlc_churn.csv","maxPayloadInMB":101}""", "maxPayloadInMB")]
    [InlineData("""{"model":"telco-churn@candidate","input":"data/mlc_churn.csv","splitType":"RecordIO"}""", "splitType")]
    [InlineData("""{"model":"telco-churn@candidate","input":"data/mlc_churn.csv","batchStrategy":"All"}""", "batchStrategy")]
    [InlineData("""{"model":"telco-churn@candidate","input":"data/mlc_churn.csv","accept":"application/json"}""", "accept")]
    [InlineData("""{"model":"telco-churn@candidate","input":"data/mlc_churn.csv","contentType":"application/x-parquet"}""", "contentType")]
    [InlineData("""{"model":"telco-churn@candidate","input":"data/mlc_churn.csv","joinSource":"Output"}""", "joinSource")]
    [InlineData("""{"model":"telco-churn@candidate","upload":"nothex"}""", "upload")]
    public async Task A_bad_request_names_its_field(string body, string element)
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        var response = await server.Host.Admin().PostAsync("/api/v1/batch-transform-jobs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(element, (await JobsServer.JsonAsync(response)).GetProperty("element").GetString());
    }

    [Fact]
    public async Task Unknown_models_endpoints_uploads_and_jobs_are_not_found()
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        var client = server.Host.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await server.SubmitAsync(client, new { model = "nobody@production", input = "data/mlc_churn.csv" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.SubmitAsync(client, new { endpoint = "nobody", input = "data/mlc_churn.csv" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.SubmitAsync(client, new { model = server.Model, upload = new string('a', 32) })).StatusCode);
        var unknown = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/jobs/{unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/jobs/{unknown}/logs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/jobs/{unknown}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/batch-transform-jobs/{unknown}/output")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/jobs?state=sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/jobs?kind=training")).StatusCode);
    }

    [Fact]
    public async Task A_queued_job_is_cancelled_once_and_a_second_cancel_conflicts()
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        var client = server.Host.Admin();
        var id = (await JobsServer.JsonAsync(await server.SubmitAsync(client, new { endpoint = "telco-churn", input = "data/mlc_churn.csv" }))).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/api/v1/batch-transform-jobs/{id}/output")).StatusCode);
        var cancel = await client.PostAsync($"/api/v1/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await JobsServer.JsonAsync(cancel)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/jobs/{id}/cancel", null)).StatusCode);
        var audit = await server.Host.Store.Store.AuditTrailAsync($"job:{id}");
        Assert.Equal(["job.start", "job.cancel"], audit.Select(a => a.Action));
        Assert.False(File.Exists(server.Folder.File("data/mlc_churn.csv.out")));
    }

    [Fact]
    public async Task A_bad_row_fails_the_job_naming_line_and_column_and_leaves_no_output()
    {
        await using var server = await JobsServer.StartAsync(models.Churn);
        var client = server.Host.Admin();
        var lines = File.ReadLines(server.Folder.File("data/mlc_churn.csv")).Take(50).ToList();
        lines[30] = string.Join(',', lines[30].Split(',').Select((field, index) => index == 1 ? "lots" : field));
        File.WriteAllLines(server.Folder.File("data/bad.csv"), lines);
        var id = (await JobsServer.JsonAsync(await server.SubmitAsync(client, new { model = server.Model, input = "data/bad.csv" }))).GetProperty("id").GetString()!;
        var job = await server.WaitAsync(client, id);
        Assert.Equal("failed", job.GetProperty("state").GetString());
        var error = job.GetProperty("error").GetString()!;
        Assert.Contains(":31", error);
        Assert.Contains("account_length", error);
        Assert.Equal(1, job.GetProperty("attempts").GetInt32()); // bad input is not retried
        Assert.False(File.Exists(server.Folder.File("data/bad.csv.out")));
    }

    [Fact]
    public async Task Roles_are_enforced_on_every_jobs_route()
    {
        await using var server = await JobsServer.StartAsync(models.Churn, runJobs: false);
        var viewer = await server.Host.AsAsync("viewer");
        var invoker = await server.Host.AsAsync("invoker");
        var anonymous = server.Host.Anonymous();
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/jobs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.SubmitAsync(viewer, new { model = server.Model, input = "data/mlc_churn.csv" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await invoker.PostAsync("/api/v1/uploads", new StringContent("a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/endpoints/telco-churn/async-invocations", new StringContent("a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/async-results/abc")).StatusCode);
    }
}
