using Flywheel.Operate.Batch;
using Flywheel.Operate.Jobs;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Storage;

namespace Flywheel.Server.Tests.Jobs;

/// <summary>The library's batch transform (Operate/Batch) on the trained churn model, without a server.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class BatchTransformTests(TrainedModels models)
{
    private ScoringModel Model() =>
        ScoringModel.Load(new ModelCatalog(MetadataStore.ForUseCase(models.Churn.Folder.Path)).ResolveAsync($"{models.Churn.Name}@candidate").Result.Package);

    private static string Repeat(TempFolder folder, string source, int rows)
    {
        var lines = File.ReadLines(source).Where(line => line.Length > 0).ToList();
        var path = folder.File($"rows-{rows}.csv");
        using var writer = new StreamWriter(path);
        writer.Write(lines[0] + "\n");
        for (var i = 0; i < rows; i++) writer.Write(lines[1 + i % (lines.Count - 1)] + "\n");
        return path;
    }

    [Fact]
    public void Without_the_input_the_csv_holds_only_the_predictions_in_input_order()
    {
        using var folder = new TempFolder();
        var model = Model();
        var input = Repeat(folder, models.Churn.Folder.File("data/mlc_churn.csv"), 10);
        CsvPredictor.Predict(model, input, folder.File("joined.csv"));
        var summary = BatchTransform.Run(model, input, OutputTarget.File(folder.File("bare.csv")), new BatchTransformSettings { JoinSource = "None" });
        Assert.Equal(10, summary.Rows);
        var joined = File.ReadAllLines(folder.File("joined.csv"));
        var bare = File.ReadAllLines(folder.File("bare.csv"));
        Assert.Equal("score,label,decision,suggested_label", bare[0]);
        // The bare line is the joined line's last four fields, row by row.
        for (var i = 0; i < joined.Length; i++) Assert.EndsWith("," + bare[i], joined[i]);
    }

    [Fact]
    public void Progress_counts_the_rows_and_a_cancel_leaves_no_output()
    {
        using var folder = new TempFolder();
        var input = Repeat(folder, models.Churn.Folder.File("data/mlc_churn.csv"), 10_000);
        Assert.Equal(10_000, BatchTransform.CountRecords(input, hasHeader: true));
        using var cancel = new CancellationTokenSource();
        var reports = new List<JobProgress>();
        Assert.ThrowsAny<OperationCanceledException>(() => BatchTransform.Run(Model(), input, OutputTarget.File(folder.File("out.csv")), new BatchTransformSettings(),
            progress =>
            {
                reports.Add(progress);
                if (progress.RowsDone >= 4000) cancel.Cancel();
            }, cancel.Token));
        Assert.Equal([2000L, 4000L], reports.Select(r => r.RowsDone));
        Assert.All(reports, r => Assert.Equal(10_000, r.RowsTotal));
        Assert.False(File.Exists(folder.File("out.csv")));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp*"));
    }

    [Fact]
    public void The_live_heap_does_not_grow_with_the_number_of_rows()
    {
        using var folder = new TempFolder();
        var model = Model();
        long Peak(int rows)
        {
            var input = Repeat(folder, models.Churn.Folder.File("data/mlc_churn.csv"), rows);
            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            var reports = 0;
            BatchTransform.Run(model, input, OutputTarget.File(input + ".out"), new BatchTransformSettings(), progress =>
            {
                // Every few reports: what is still reachable mid-run (a collection that grows with rows would show here).
                if (++reports % 5 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            });
            Assert.Equal(rows, File.ReadLines(input + ".out").Count() - 1);
            return peak;
        }
        var small = Peak(20_000);
        var large = Peak(200_000);
        // Ten times the rows: the reachable heap mid-run stays within a couple of megabytes of the small run's.
        Assert.True(large < small + 2_000_000, $"live heap {large:N0} bytes at 200k rows vs {small:N0} at 20k");
    }

    [Fact]
    public void A_record_larger_than_the_payload_limit_is_refused_naming_its_line()
    {
        using var folder = new TempFolder();
        var lines = File.ReadLines(models.Churn.Folder.File("data/mlc_churn.csv")).Take(4).ToList();
        var fields = lines[2].Split(',');
        fields[0] = "\"" + new string('x', 1024 * 1024 + 10) + "\"";
        lines[2] = string.Join(',', fields);
        File.WriteAllLines(folder.File("big.csv"), lines);
        var error = Assert.Throws<InputException>(() => BatchTransform.Run(Model(), folder.File("big.csv"), OutputTarget.File(folder.File("big.out")), new BatchTransformSettings { MaxPayloadInMB = 1 }));
        Assert.Equal(3, error.Line);
        Assert.False(File.Exists(folder.File("big.out")));
    }
}
