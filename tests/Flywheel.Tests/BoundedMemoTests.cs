namespace Flywheel.Tests;

public class BoundedMemoTests
{
    [Fact]
    public void A_value_is_computed_once_per_key_until_the_memo_outgrows_its_bound()
    {
        var memo = new BoundedMemo<string>(2);
        var computed = new List<string>();
        string Compute(string key) { computed.Add(key); return key.ToUpperInvariant(); }

        Assert.Equal("A", memo.GetOrAdd("a", Compute));
        Assert.Equal("A", memo.GetOrAdd("a", Compute));
        Assert.Equal("B", memo.GetOrAdd("b", Compute));
        Assert.Equal(["a", "b"], computed);
        Assert.Equal(2, memo.Count);

        // A third key empties the memo first, so the first is computed again on its next read.
        Assert.Equal("C", memo.GetOrAdd("c", Compute));
        Assert.Equal(1, memo.Count);
        Assert.False(memo.TryGet("a", out _));
        Assert.Equal("A", memo.GetOrAdd("a", Compute));
        Assert.Equal(["a", "b", "c", "a"], computed);
    }

    [Fact]
    public void A_failed_computation_is_not_kept()
    {
        var memo = new BoundedMemo<int>(4);
        Assert.Throws<InvalidOperationException>(() => memo.GetOrAdd("x", _ => throw new InvalidOperationException("no")));
        Assert.False(memo.TryGet("x", out _));
        Assert.Equal(7, memo.GetOrAdd("x", _ => 7));
    }
}
