using Flywheel.Storage;

namespace Flywheel.Tests.Storage;

/// <summary>The behaviour every <see cref="IModelRegistry"/> must have, run against each store kind.</summary>
public class ModelRegistryContractTests
{
    private static NewModelVersion Package(string model, char id) => new(model, new string(id, 64), $"/artifacts/{id}", "aiko");

    private static async Task<IModelRegistry> WithVersionsAsync(TestStore test, string model, int count)
    {
        for (var i = 0; i < count; i++) await test.Store.Models.RegisterVersionAsync(Package(model, (char)('a' + i)));
        return test.Store.Models;
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Versions_count_from_one_per_model_and_the_same_package_is_one_version(string kind)
    {
        using var test = new TestStore(kind);
        var models = test.Store.Models;

        var v1 = await models.RegisterVersionAsync(Package("churn", 'a') with { RunId = Guid.Empty });
        var v2 = await models.RegisterVersionAsync(Package("churn", 'b'));
        var again = await models.RegisterVersionAsync(Package("churn", 'a'));
        var other = await models.RegisterVersionAsync(Package("解約", 'a'));

        Assert.Equal((1, 2, 1, 1), (v1.Version, v2.Version, again.Version, other.Version));
        Assert.Equal("churn:2", v2.Reference);
        Assert.Equal(test.Clock.Now, v1.RegisteredAt);
        Assert.Equal(["churn", "解約"], await models.ListModelNamesAsync());
        Assert.Equal([1, 2], (await models.ListVersionsAsync("churn")).Select(v => v.Version));
        Assert.Equal(v2, await models.GetVersionAsync("churn", 2));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Every_alias_change_is_audited_with_who_when_from_and_to(string kind)
    {
        using var test = new TestStore(kind);
        var models = await WithVersionsAsync(test, "churn", 3);

        var assigned = await models.SetAliasAsync("churn", "@candidate", 1, "aiko");
        test.Clock.Advance(TimeSpan.FromDays(1));
        var moved = await models.SetAliasAsync("churn", "candidate", 3, "ben");
        var unchanged = await models.SetAliasAsync("churn", "candidate", 3, "ben");
        await models.SetAliasAsync("churn", "production", 1, "carla");
        test.Clock.Advance(TimeSpan.FromDays(1));
        var removed = await models.RemoveAliasAsync("churn", "production", "dai");

        Assert.Null(unchanged);
        Assert.Equal(new AliasEvent("churn", "candidate", AliasTransition.Assigned, null, 1, "aiko", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)), assigned);
        Assert.Equal(new AliasEvent("churn", "candidate", AliasTransition.Moved, 1, 3, "ben", new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)), moved);
        Assert.Equal((AliasTransition.Removed, 1, (int?)null, "dai"), (removed.Transition, removed.FromVersion.GetValueOrDefault(), removed.ToVersion, removed.Actor));
        var history = await models.AliasHistoryAsync("churn");
        Assert.Equal(
            ["candidate Assigned →1 aiko", "candidate Moved 1→3 ben", "production Assigned →1 carla", "production Removed 1→ dai"],
            history.Select(e => $"{e.Alias} {e.Transition} {e.FromVersion}→{e.ToVersion} {e.Actor}"));
        Assert.Equal([new ModelAlias("churn", "candidate", 3)], await models.ListAliasesAsync("churn"));
        Assert.Equal(3, (await models.ResolveAliasAsync("churn", "candidate")).Version);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Unknown_models_versions_and_aliases_are_input_errors_that_list_what_exists(string kind)
    {
        using var test = new TestStore(kind);
        var models = await WithVersionsAsync(test, "churn", 2);
        await models.SetAliasAsync("churn", "production", 2, "aiko");

        var model = await Assert.ThrowsAsync<NotFoundException>(() => models.GetVersionAsync("chrun", 1));
        var version = await Assert.ThrowsAsync<NotFoundException>(() => models.GetVersionAsync("churn", 7));
        var alias = await Assert.ThrowsAsync<NotFoundException>(() => models.ResolveAliasAsync("churn", "staging"));
        var removal = await Assert.ThrowsAsync<NotFoundException>(() => models.RemoveAliasAsync("churn", "staging", "aiko"));
        var moveToMissing = await Assert.ThrowsAsync<NotFoundException>(() => models.SetAliasAsync("churn", "production", 9, "aiko"));

        Assert.Equal("unknown model 'chrun'; registered models: churn", model.Message);
        Assert.Equal("model 'churn' has no version 7; versions: 1, 2", version.Message);
        Assert.Equal("model 'churn' has no alias '@staging'; aliases: @production", alias.Message);
        Assert.Contains("no alias '@staging' to remove", removal.Message);
        Assert.Contains("no version 9", moveToMissing.Message);
        Assert.Equal(2, (await models.ResolveAliasAsync("churn", "production")).Version);
        Assert.Single(await models.AliasHistoryAsync("churn"));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Malformed_names_are_rejected_before_anything_is_written(string kind)
    {
        using var test = new TestStore(kind);
        var models = await WithVersionsAsync(test, "churn", 1);

        await Assert.ThrowsAsync<InputException>(() => models.RegisterVersionAsync(Package("churn@prod", 'z')));
        await Assert.ThrowsAsync<InputException>(() => models.SetAliasAsync("churn", "Prod Alias", 1, "aiko"));
        Assert.Single(await models.ListVersionsAsync("churn"));
        Assert.Empty(await models.AliasHistoryAsync("churn"));
    }
}
