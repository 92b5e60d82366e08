using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Server.Tests.Hosting;
using Flywheel.Workflows;

namespace Flywheel.Server.Tests.Registry;

/// <summary>
/// <c>GET /api/v1/models/{name}/versions/{version}/decision</c>: a crafted package whose rows are priced by hand, the
/// trained churn model's chosen point equal to the test decision training stored, and the refusals naming their parameter.
/// </summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class DecisionRouteTests(TrainedModels trained)
{
    // Choice rows (0.1 n) (0.2 p) (0.3 n) (0.4 n) (0.6 p) (0.7 n) (0.8 p) (0.9 p); test rows (0.3 p) (0.5 n) (0.6 p) (0.9 n).
    private static readonly DecisionRowsFile Rows = new("the validation split", "no", "yes",
        new ScoredRows([false, true, false, false, true, false, true, true], [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9]),
        new ScoredRows([true, false, true, false], [0.3, 0.5, 0.6, 0.9]),
        []);

    private const string PricedUseCase = """
        name: hand
        statement: Priced by hand.
        owner: Marketing
        decision:
          volume: 1000 items/day
          outcomes: { tp: 100 JPY, fp: -20 JPY, fn: -50 JPY, tn: 0 JPY }
          review: { cost: 10 JPY, minutes: 6, hours_per_day: 8 }
        """;

    [Fact]
    public async Task A_point_is_priced_as_by_hand_on_validation_and_test_beside_the_chosen_point_and_the_alternatives()
    {
        using var folder = new TempFolder();
        await using var host = await HostWithAsync(folder, PricedUseCase, withRows: true);
        var viewer = await host.AsAsync(Roles.Viewer);

        var body = await viewer.GetJsonAsync("/api/v1/models/hand/versions/1/decision?threshold=0.5&reviewLower=0.35&reviewUpper=0.65");
        var validation = body.GetProperty("validation");
        // Reviewed 0.4 n, 0.6 p; positive 0.7 n, 0.8 p, 0.9 p; negative 0.1 n, 0.2 p, 0.3 n:
        // (2·100 + (100 − 10) − 50 − 20 − 10 + 0) / 8 = 26.25 JPY a item, × 1000 a day.
        Assert.Equal(26.25, validation.GetProperty("valuePerItem").GetDouble(), 1e-12);
        Assert.Equal(26_250, validation.GetProperty("valuePerDay").GetDouble(), 1e-9);
        Assert.Equal(0.25, validation.GetProperty("reviewShare").GetDouble(), 1e-12);
        // 1000 × 0.25 × 6 min / 60 = 25 h; ÷ 8 h = 3.125 people
        Assert.Equal(25, validation.GetProperty("reviewerHoursPerDay").GetDouble(), 1e-9);
        Assert.Equal(3.125, validation.GetProperty("reviewerPeople").GetDouble(), 1e-12);
        Assert.Equal("[[2,1,1],[1,1,2]]", validation.GetProperty("matrix").GetProperty("counts").GetRawText());
        Assert.Equal("[\"no\",\"review\",\"yes\"]", validation.GetProperty("matrix").GetProperty("decided").GetRawText());

        // Test: reviewed 0.5 n, 0.6 p; positive 0.9 n; negative 0.3 p: (90 − 10 − 20 − 50) / 4 = 2.5; half reviewed.
        var test = body.GetProperty("test");
        Assert.Equal(2.5, test.GetProperty("valuePerItem").GetDouble(), 1e-12);
        Assert.Equal(0.5, test.GetProperty("reviewShare").GetDouble(), 1e-12);
        Assert.Equal(6.25, test.GetProperty("reviewerPeople").GetDouble(), 1e-12);

        // The package's point: threshold 0.65, no band. Validation: TP 0.8, 0.9; FP 0.7; FN 0.2, 0.6: (200 − 20 − 100) / 8 = 10.
        var chosen = body.GetProperty("chosen");
        Assert.Equal(0.65, chosen.GetProperty("point").GetProperty("threshold").GetDouble());
        Assert.Equal(10, chosen.GetProperty("validation").GetProperty("valuePerItem").GetDouble(), 1e-12);
        Assert.Equal(JsonValueKind.Null, chosen.GetProperty("validation").GetProperty("reviewBand").ValueKind);

        // Act on nobody: 4 leavers missed, −200 / 8 = −25 (test −100 / 4); act on everyone: (400 − 80) / 8 = 40 (test (200 − 40) / 4).
        var alternatives = body.GetProperty("alternatives").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        Assert.Equal(-25, alternatives["act_on_none"].GetProperty("validationValuePerItem").GetDouble(), 1e-12);
        Assert.Equal(-25, alternatives["act_on_none"].GetProperty("testValuePerItem").GetDouble(), 1e-12);
        Assert.Equal(40, alternatives["act_on_all"].GetProperty("validationValuePerItem").GetDouble(), 1e-12);
        Assert.Equal(40, alternatives["act_on_all"].GetProperty("testValuePerItem").GetDouble(), 1e-12);

        // No query: the chosen point itself.
        var atChosen = await viewer.GetJsonAsync("/api/v1/models/hand/versions/1/decision");
        Assert.Equal(10, atChosen.GetProperty("validation").GetProperty("valuePerItem").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task Bad_points_are_refused_naming_the_parameter_and_unknown_models_are_not_found()
    {
        using var folder = new TempFolder();
        await using var host = await HostWithAsync(folder, PricedUseCase, withRows: true);
        var viewer = await host.AsAsync(Roles.Viewer);
        const string route = "/api/v1/models/hand/versions/1/decision";

        await Problem.AssertAsync(await viewer.GetAsync($"{route}?threshold=1.5"), HttpStatusCode.BadRequest, "threshold");
        await Problem.AssertAsync(await viewer.GetAsync($"{route}?threshold=abc"), HttpStatusCode.BadRequest, "threshold");
        await Problem.AssertAsync(await viewer.GetAsync($"{route}?threshold=0.5&reviewLower=-0.1&reviewUpper=0.5"), HttpStatusCode.BadRequest, "reviewLower");
        var inverted = await Problem.AssertAsync(await viewer.GetAsync($"{route}?threshold=0.5&reviewLower=0.6&reviewUpper=0.4"), HttpStatusCode.BadRequest, "reviewLower");
        Assert.Contains("above reviewUpper", inverted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem.AssertAsync(await viewer.GetAsync($"{route}?threshold=0.5&reviewLower=0.3"), HttpStatusCode.BadRequest, "reviewUpper");
        await Problem.AssertAsync(await viewer.GetAsync("/api/v1/models/hand/versions/9/decision"), HttpStatusCode.NotFound, "version");
        await Problem.AssertAsync(await viewer.GetAsync("/api/v1/models/nobody/versions/1/decision"), HttpStatusCode.NotFound, "model");
        await Problem.AssertAsync(await host.Anonymous().GetAsync(route), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_package_written_before_scored_rows_were_kept_is_a_conflict_that_says_to_retrain()
    {
        using var folder = new TempFolder();
        await using var host = await HostWithAsync(folder, PricedUseCase, withRows: false);
        var problem = await Problem.AssertAsync(await (await host.AsAsync(Roles.Viewer)).GetAsync("/api/v1/models/hand/versions/1/decision"), HttpStatusCode.Conflict, "version");
        Assert.Contains("retrain", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trained_churn_models_chosen_point_is_the_test_decision_training_stored_and_a_multiclass_model_takes_no_threshold()
    {
        using var churn = trained.Churn.Copy();
        using var penguins = trained.Penguins.Copy();
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [churn.Path], RunJobs = false });
        var body = await (await host.AsAsync(Roles.Viewer)).GetJsonAsync($"/api/v1/models/{trained.Churn.Name}/versions/1/decision");
        var stored = trained.Churn.Outcome.Test.Decision!;
        Assert.Equal(stored.Threshold!.Value, body.GetProperty("chosen").GetProperty("point").GetProperty("threshold").GetDouble());
        Assert.Equal(stored.ValuePerItem, body.GetProperty("chosen").GetProperty("test").GetProperty("valuePerItem").GetDouble(), 1e-9);
        Assert.Equal(stored.ValuePerDay!.Value, body.GetProperty("test").GetProperty("valuePerDay").GetDouble(), 1e-6);
        var storedAlternatives = stored.Alternatives!.ToDictionary(a => a.Name);
        foreach (var alternative in body.GetProperty("alternatives").EnumerateArray())
        {
            var name = alternative.GetProperty("name").GetString()!;
            Assert.Equal(storedAlternatives[name].TestValuePerItem, alternative.GetProperty("testValuePerItem").GetDouble(), 1e-9);
            Assert.Equal(storedAlternatives[name].ValidationValuePerItem, alternative.GetProperty("validationValuePerItem").GetDouble(), 1e-9);
        }
        Assert.Contains(storedAlternatives.Keys, name => name.StartsWith("rule:", StringComparison.Ordinal));

        await using var multiclass = await TestHost.StartAsync(new ServerOptions { UseCases = [penguins.Path], RunJobs = false });
        await Problem.AssertAsync(await (await multiclass.AsAsync(Roles.Viewer)).GetAsync($"/api/v1/models/{trained.Penguins.Name}/versions/1/decision?threshold=0.5"),
            HttpStatusCode.BadRequest, "threshold");
    }

    private static async Task<TestHost> HostWithAsync(TempFolder folder, string useCase, bool withRows)
    {
        File.WriteAllText(Path.Combine(folder.Path, "flywheel.yaml"), useCase);
        var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false });
        await new ModelCatalog(host.Store.Store).PublishAsync(Package(withRows), "test", "candidate", null);
        return host;
    }

    private static ModelPackageContent Package(bool withRows)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("Model.key").Open());
            writer.Write("hand");
        }
        return new ModelPackageContent
        {
            ModelName = "hand",
            Task = "binary",
            Trainer = "FastTree",
            ModelZip = memory.ToArray(),
            InputSchema = [new InputColumn("x", "numeric", "feature")],
            LabelMapping = ["no", "yes"],
            DecisionPolicy = new ServingSpec(Flywheel.Tasks.MlTask.Binary, [new ServingInputColumn("x", true)], ["no", "yes"],
                new ServingPolicy("y", "yes", false, 0.65, null, null, "JPY")).PolicyJson(),
            TrainingDataFingerprint = "sha256:hand",
            Attachments = withRows ? new Dictionary<string, byte[]> { [DecisionRowsFile.FileName] = Rows.ToBytes() } : new Dictionary<string, byte[]>(),
        };
    }
}
