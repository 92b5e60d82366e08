using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Inference;
using Flywheel.Registry;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Invocations;

/// <summary>
/// Moving an alias from another store handle (as <c>flywheel models alias</c> in another process would) while a
/// client loop runs: no request fails and the answers switch to the new version; and many parallel requests on the
/// pooled scorers all score exactly as one request does.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class HotSwapTests(TrainedModels trained)
{
    [Fact]
    public async Task An_alias_move_under_load_swaps_without_a_failed_request()
    {
        using var folder = trained.Churn.Copy();
        var rows = await SampleRows.LoadAsync(folder.Path, "data/mlc_churn.csv", "telco-churn@candidate", 5);
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path] },
            builder => builder.Services.AddSingleton(new EndpointRuntimeOptions { PollInterval = TimeSpan.FromMilliseconds(100) }));
        var other = MetadataStore.ForUseCase(folder.Path); // another process's view of the same store
        await RegisterSecondVersionAsync(other);

        var client = host.Admin();
        var versions = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var body = rows.HeaderlessCsv();
        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsync("/invocations", new StringContent(body, Encoding.UTF8, "text/csv"));
                if (response.StatusCode != HttpStatusCode.OK) failures.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                else
                {
                    var score = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("predictions")[0].GetProperty("score").GetDouble();
                    if (Math.Abs(score - rows.Expected[0].Score) > 1e-9) failures.Enqueue($"score {score}");
                    versions.Enqueue(response.Headers.GetValues("X-Flywheel-Model-Version").Single());
                }
            }
        })).ToList();

        await WaitUntil(() => versions.Count >= 20);
        await new ModelCatalog(other).SetAliasAsync("telco-churn:2", "candidate", "test");
        var countAtMove = versions.Count;
        await WaitUntil(() => versions.Skip(countAtMove).Count(v => v == "telco-churn:2") >= 20);
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.Empty(failures);
        var seen = versions.ToList();
        Assert.Equal("telco-churn:1", seen[0]);
        Assert.Equal("telco-churn:2", seen[^1]);
        // Once the new version answers, the old one never answers again (the swap is one atomic step).
        var first = seen.IndexOf("telco-churn:2");
        Assert.True(seen.Skip(first).Count(v => v == "telco-churn:1") <= 4, "at most the requests already in flight finish on the old version");
    }

    [Fact]
    public async Task Parallel_requests_on_pooled_scorers_all_score_correctly()
    {
        using var folder = trained.Penguins.Copy();
        var rows = await SampleRows.LoadAsync(folder.Path, "data/penguins.csv", "penguins@candidate", 30);
        await using var host = await TestHost.StartAsync(folder.Path);
        var client = host.Admin();
        var requests = Enumerable.Range(0, 200).Select(async i =>
        {
            var row = i % rows.Rows.Count;
            var body = JsonSerializer.Serialize(new { instances = new[] { rows.Records()[row] } });
            var response = await client.PostAsync("/invocations", new StringContent(body, Encoding.UTF8, "application/json"));
            var prediction = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("predictions")[0];
            return (row, response.StatusCode, prediction.GetProperty("predicted_label").GetString(), prediction.GetProperty("score").GetDouble());
        });
        foreach (var (row, status, label, score) in await Task.WhenAll(requests))
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(rows.Expected[row].Label, label);
            Assert.Equal(rows.Expected[row].Score, score, 1e-9);
        }
    }

    // A second version of the same model: the package copied with one changed byte in its card, so its id differs.
    private static async Task RegisterSecondVersionAsync(MetadataStore store)
    {
        var first = await new ModelCatalog(store).ResolveAsync("telco-churn:1");
        var staging = Path.Combine(Path.GetTempPath(), $"flywheel-package-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in Directory.GetFiles(first.Package.Path).Where(f => Path.GetFileName(f) != ModelPackageWriter.SealFileName))
                File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
            File.AppendAllText(Path.Combine(staging, Path.GetFileName(first.Package.CardMarkdownPath)), "\nRetrained copy.\n");
            var id = ContentHash.OfFolder(staging);
            var named = Path.Combine(Path.GetTempPath(), id);
            Directory.Move(staging, named);
            staging = named;
            var version = await new ModelCatalog(store).RegisterAsync(new PackageRef(id, named), "test");
            Assert.Equal(2, version.Version);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, true);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not hold within 60 s");
            await Task.Delay(20);
        }
    }
}
