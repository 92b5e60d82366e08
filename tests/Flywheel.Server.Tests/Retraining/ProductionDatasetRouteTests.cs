using System.Net;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Retraining;

/// <summary><c>GET /api/v1/endpoints/{name}/production-dataset</c>: the CLI's labelled production rows over HTTP, as JSON, CSV and Parquet.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class ProductionDatasetRouteTests(TrainedModels trained) : IAsyncLifetime
{
    private TempFolder _folder = null!;
    private TestHost _host = null!;

    private string Endpoint => trained.Churn.Name;
    private string Route => $"/api/v1/endpoints/{Endpoint}/production-dataset";

    public async Task InitializeAsync()
    {
        _folder = trained.Churn.Copy();
        _host = await TestHost.StartAsync(new ServerOptions { UseCases = [_folder.Path], RunJobs = false });
        var (header, rows) = ChurnCapture.Read(_folder.Path, 3);
        var root = _host.Store.Store.Artifacts.Root;
        // Three one-row requests at Start, +1h, +2h; ground truth for the first two only.
        ChurnCapture.Write(root, Endpoint, $"{Endpoint}:1", header, rows.Select(r => r.Inputs).ToList());
        ChurnCapture.GroundTruth(root, Endpoint, [(0, rows[0].Label), (1, "yes")]);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_labelled_rows_come_back_as_json_csv_and_parquet_in_the_clis_column_order()
    {
        var viewer = await _host.AsAsync(Roles.Viewer);
        var (_, rows) = ChurnCapture.Read(_folder.Path, 1);

        var json = await (await viewer.GetAsync(Route)).JsonAsync();
        Assert.Equal(2, json.GetProperty("rows").GetInt32());
        Assert.Equal(2, json.GetProperty("labelCounts").GetProperty("ground_truth").GetInt32());
        Assert.Equal(1, json.GetProperty("skipped").GetProperty("unlabelled").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", json.GetProperty("fingerprint").GetString());
        var columns = json.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["churn", "_inference_id", "_label_source", "_inference_time", "_model_version"], columns.TakeLast(5));
        var first = json.GetProperty("records")[0];
        Assert.Equal("inf-0000", first.GetProperty("_inference_id").GetString());
        Assert.Equal(rows[0].Label, first.GetProperty("churn").GetString());
        Assert.Equal(265.1, first.GetProperty("total_day_minutes").GetDouble());   // the first data row of mlc_churn.csv
        Assert.Equal("KS", first.GetProperty("state").GetString());
        Assert.Equal("2026-11-01T00:00:00.000Z", first.GetProperty("_inference_time").GetString());
        Assert.Equal("yes", json.GetProperty("records")[1].GetProperty("churn").GetString());

        var windowed = await (await viewer.GetAsync($"{Route}?since=2026-11-01T01:00:00Z")).JsonAsync();
        Assert.Equal(["inf-0001"], windowed.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("_inference_id").GetString()));

        var csv = await viewer.GetAsync($"{Route}?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Join(',', columns), lines[0]);
        Assert.EndsWith($",{rows[0].Label},inf-0000,ground_truth,2026-11-01T00:00:00.000Z,{Endpoint}:1", lines[1]);
        Assert.Contains(",265.1,", lines[1]);

        var parquet = await viewer.GetAsync($"{Route}?format=parquet");
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        var bytes = await parquet.Content.ReadAsByteArrayAsync();
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        Assert.Equal("PAR1"u8.ToArray(), bytes[^4..]);
    }

    [Fact]
    public async Task A_bad_since_or_format_is_a_400_naming_it_and_an_unknown_endpoint_is_a_404()
    {
        var viewer = await _host.AsAsync(Roles.Viewer);
        await Problem.AssertAsync(await viewer.GetAsync($"{Route}?since=yesterday"), HttpStatusCode.BadRequest, "since");
        await Problem.AssertAsync(await viewer.GetAsync($"{Route}?since=2026-11-02&until=2026-11-01"), HttpStatusCode.BadRequest, "since");
        await Problem.AssertAsync(await viewer.GetAsync($"{Route}?format=xlsx"), HttpStatusCode.BadRequest, "format");
        await Problem.AssertAsync(await viewer.GetAsync("/api/v1/endpoints/nowhere/production-dataset"), HttpStatusCode.NotFound, "endpoint");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous().GetAsync(Route)).StatusCode);
    }
}
