using System.Text.Json;
using Flywheel.Storage;

namespace Flywheel.Tests.Storage;

/// <summary>The endpoints table on every store kind: create once, replace, delete, each change audited before → after.</summary>
public sealed class EndpointStoreTests
{
    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Endpoints_are_created_replaced_and_deleted_with_an_audit_trail(string kind)
    {
        using var test = new TestStore(kind);
        var endpoints = test.Store.Endpoints;
        Assert.True(await endpoints.AddIfAbsentAsync("churn", "/uc/churn", """{"variants":[{"name":"primary"}],"captureShare":100}""", "server"));
        Assert.False(await endpoints.AddIfAbsentAsync("churn", "/uc/churn", """{"variants":[]}""", "server"));

        test.Clock.Advance(TimeSpan.FromMinutes(5));
        var before = await endpoints.PutAsync("churn", "/uc/churn", """{"variants":[{"name":"b"}],"captureShare":20}""", "key:alice");
        Assert.Equal("""{"variants":[{"name":"primary"}],"captureShare":100}""", before!.ConfigJson);
        Assert.Null(await endpoints.PutAsync("other", "/uc/other", """{"variants":[]}""", "key:alice"));

        var stored = await endpoints.FindAsync("churn");
        Assert.Equal(("key:alice", new DateTimeOffset(2026, 11, 24, 9, 5, 0, TimeSpan.Zero)), (stored!.UpdatedBy, stored.UpdatedAt));
        Assert.Equal(["churn", "other"], (await endpoints.ListAsync()).Select(e => e.Name));

        await endpoints.DeleteAsync("churn", "key:bob");
        Assert.Null(await endpoints.FindAsync("churn"));
        await Assert.ThrowsAsync<NotFoundException>(() => endpoints.DeleteAsync("churn", "key:bob"));

        var trail = await test.Store.AuditTrailAsync("endpoint:churn");
        Assert.Equal(["endpoint.create", "endpoint.put", "endpoint.delete"], trail.Select(e => e.Action));
        var put = JsonDocument.Parse(trail[1].DetailsJson).RootElement;
        Assert.Equal("primary", put.GetProperty("before").GetProperty("variants")[0].GetProperty("name").GetString());
        Assert.Equal(20, put.GetProperty("after").GetProperty("captureShare").GetDouble());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(trail[2].DetailsJson).RootElement.GetProperty("after").ValueKind);
        Assert.Equal("key:bob", trail[2].Actor);
    }
}
