using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Flywheel.Server.Tests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Invocations;

/// <summary>
/// The MLflow scoring protocol on the penguins model (multiclass), requests as MLflow's docs write them
/// (dataframe_split, dataframe_records, inputs, CSV with a header): the same labels and scores as <c>CsvPredictor</c>,
/// MLflow's error shape, and a Python <c>requests</c> client written for MLflow working unchanged.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class MlflowProtocolTests(TrainedModels trained) : IAsyncLifetime
{
    private TempFolder _folder = null!;
    private TestHost _host = null!;
    private SampleRows _rows = null!;

    public async Task InitializeAsync()
    {
        _folder = trained.Penguins.Copy();
        _rows = await SampleRows.LoadAsync(_folder.Path, "data/penguins.csv", "penguins@candidate", 12);
        _host = await TestHost.StartAsync(_folder.Path);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private void AssertParity(JsonElement answer)
    {
        var predictions = answer.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(_rows.Expected.Count, predictions.Count);
        for (var i = 0; i < predictions.Count; i++)
        {
            Assert.Equal(_rows.Expected[i].Label, predictions[i].GetProperty("predicted_label").GetString());
            Assert.Equal(_rows.Expected[i].Score, predictions[i].GetProperty("score").GetDouble(), 1e-9);
            Assert.Equal(_rows.Expected[i].Score, predictions[i].GetProperty("probability").GetDouble(), 1e-9);
            Assert.Equal(_rows.Spec.Classes, predictions[i].GetProperty("labels").EnumerateArray().Select(l => l.GetString()!));
        }
    }

    private async Task<JsonElement> PostJson(object body)
    {
        var response = await _host.Admin().PostAsJsonAsync("/invocations", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Every_mlflow_json_shape_scores_as_the_batch_predictor_does()
    {
        var records = _rows.Records();
        var columns = _rows.Spec.Inputs.Select(i => i.Name).ToList();
        AssertParity(await PostJson(new { dataframe_split = new { columns, data = records.Select(r => columns.Select(c => r[c]).ToList()).ToList() } }));
        AssertParity(await PostJson(new { dataframe_records = records }));
        AssertParity(await PostJson(new { inputs = columns.ToDictionary(c => c, c => records.Select(r => r[c]).ToList()), @params = new { note = "ignored" } }));
    }

    [Fact]
    public async Task Csv_with_a_header_is_mlflow_csv_and_scores_the_same()
    {
        var response = await _host.Admin().PostAsync("/invocations", new StringContent(_rows.HeaderCsv(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertParity(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task An_mlflow_request_gets_mlflow_errors()
    {
        var numeric = _rows.Spec.Inputs.First(i => i.Numeric).Name;
        var records = _rows.Records(2);
        records[1][numeric] = "long";
        var response = await _host.Admin().PostAsJsonAsync("/invocations", new { dataframe_records = records });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("BAD_REQUEST", error.GetProperty("error_code").GetString());
        Assert.Equal($"row 2, column '{numeric}': must be a number, not 'long'", error.GetProperty("message").GetString());

        var csv = await _host.Admin().PostAsync("/invocations", new StringContent(_rows.HeaderCsv() + "x,y\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("BAD_REQUEST", JsonDocument.Parse(await csv.Content.ReadAsStringAsync()).RootElement.GetProperty("error_code").GetString());
    }

    [PythonRequestsFact]
    public async Task A_python_client_written_for_mlflow_works_unchanged()
    {
        var options = new ServerOptions { UseCases = [_folder.Path], Port = 0, AdminKey = TestHost.AdminSecret };
        await using var app = FlywheelServer.Build(options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        using var script = new TempFolder();
        var columns = _rows.Spec.Inputs.Select(i => i.Name).ToList();
        var payload = JsonSerializer.Serialize(new { dataframe_split = new { columns, data = _rows.Records().Select(r => columns.Select(c => r[c]).ToList()).ToList() } });
        File.WriteAllText(script.File("client.py"), $$"""
            import json, sys, requests
            url, key = sys.argv[1], sys.argv[2]
            payload = json.loads('''{{payload}}''')
            # As MLflow's docs call a model server, plus the key this server requires.
            response = requests.post(url + "/invocations", json=payload, headers={"Authorization": "Bearer " + key})
            response.raise_for_status()
            print(json.dumps([p["predicted_label"] for p in response.json()["predictions"]]))
            bad = requests.post(url + "/invocations", json={"dataframe_records": [{"nope": 1}]}, headers={"Authorization": "Bearer " + key})
            print(bad.status_code, bad.json()["error_code"])
            """);
        var (code, output) = await RunAsync("python3", script.File("client.py"), address, TestHost.AdminSecret);
        await app.StopAsync();
        Assert.True(code == 0, output);
        var lines = output.Trim().Split('\n');
        Assert.Equal(_rows.Expected.Select(e => e.Label), JsonSerializer.Deserialize<string[]>(lines[0])!);
        Assert.Equal("400 BAD_REQUEST", lines[1].Trim());
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output + await error);
    }
}

/// <summary>Skipped, visibly, when python3 or its requests package (Debian's python3-requests) is missing.</summary>
public sealed class PythonRequestsFactAttribute : FactAttribute
{
    public PythonRequestsFactAttribute()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", "-c \"import requests\"") { RedirectStandardError = true, RedirectStandardOutput = true })!;
            probe.WaitForExit(30_000);
            if (probe.ExitCode != 0) Skip = "python3 has no 'requests' module (install Debian's python3-requests)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Skip = "python3 is not installed";
        }
    }
}
