using System.Net;
using Flywheel.Server.Tests.Hosting;

namespace Flywheel.Server.Tests.Operations;

public class UseCaseRouteTests
{
    [Fact]
    public async Task The_served_use_cases_are_listed_with_their_statement_owner_and_stages()
    {
        using var churn = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        using var penguins = TempFolder.FromSample("penguins", "data/penguins.csv");
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [churn.Path, penguins.Path], RunJobs = false });
        var viewer = await host.AsAsync("viewer");
        var expected = Flywheel.UseCases.UseCaseLoader.Load(churn.Path);

        var listed = (await viewer.GetJsonAsync("/api/v1/use-cases")).GetProperty("useCases").EnumerateArray().ToList();

        Assert.Equal(2, listed.Count);
        var first = listed[0];
        Assert.Equal(expected.Name, first.GetProperty("name").GetString());
        Assert.Equal(Path.GetFullPath(churn.Path), first.GetProperty("folder").GetString());
        Assert.Equal(expected.Statement, first.GetProperty("statement").GetString());
        Assert.Equal(expected.Owner, first.GetProperty("owner").GetString());
        var stages = first.GetProperty("stages");
        Assert.True(stages.GetProperty("value").GetBoolean());
        Assert.True(stages.GetProperty("data").GetBoolean());
        Assert.False(stages.GetProperty("model").GetBoolean()); // nothing trained in this copy
        Assert.Equal(0, first.GetProperty("modelVersions").GetInt32());

        var one = await viewer.GetJsonAsync($"/api/v1/use-cases/{listed[1].GetProperty("name").GetString()}");
        Assert.Equal(Path.GetFullPath(penguins.Path), one.GetProperty("folder").GetString());
        await Problem.AssertAsync(await viewer.GetAsync("/api/v1/use-cases/nothing-here"), HttpStatusCode.NotFound, "use case");

        // A file broken after the start is listed with its error, not hidden and not a 500.
        File.WriteAllText(penguins.File("flywheel.yaml"), "name: [unclosed");
        var broken = (await viewer.GetJsonAsync("/api/v1/use-cases")).GetProperty("useCases").EnumerateArray().ToList()[1];
        Assert.Contains("flywheel.yaml", broken.GetProperty("error").GetString());
    }
}
