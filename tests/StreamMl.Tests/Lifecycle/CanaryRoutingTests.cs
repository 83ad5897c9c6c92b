using System.IO.Hashing;
using StreamMl.Core.Lifecycle;
using Xunit;

namespace StreamMl.Tests.Lifecycle;

public sealed class CanaryRoutingTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 10_000).Select(i => $"e-{i}").ToArray();

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void The_challenger_gets_its_share_of_ten_thousand_ids_within_one_point(double share)
    {
        var routed = Ids.Count(id => CanaryRouting.ToChallenger(id, share)) / (double)Ids.Length;
        Assert.InRange(routed, share - 0.01, share + 0.01);
    }

    [Fact]
    public void Share_zero_sends_nothing_and_share_one_everything()
    {
        Assert.DoesNotContain(Ids, id => CanaryRouting.ToChallenger(id, 0));
        Assert.All(Ids, id => Assert.True(CanaryRouting.ToChallenger(id, 1)));
        Assert.False(CanaryRouting.ToChallenger("", 0));
        Assert.True(CanaryRouting.ToChallenger("", 1));
    }

    [Fact]
    public void Raising_the_share_only_adds_ids()
    {
        var at10 = Ids.Where(id => CanaryRouting.ToChallenger(id, 0.1)).ToHashSet();
        var at25 = Ids.Where(id => CanaryRouting.ToChallenger(id, 0.25)).ToHashSet();
        Assert.Subset(at25, at10);
    }

    // Positions from an independent XXH64 implementation (the xxHash specification, seed 0), top 53 bits / 2^53.
    [Theory]
    [InlineData("e-0", 0.749354274012895)]
    [InlineData("e-1", 0.14731842720128263)]
    [InlineData("e-2", 0.4300668085583307)]
    [InlineData("e-3", 0.03091197740462759)]
    [InlineData("e-42", 0.12819690207852574)]
    [InlineData("order-7f3a", 0.7242265969858542)]
    [InlineData("événement-1", 0.881071780600488)]
    public void An_id_has_the_same_position_everywhere(string id, double position)
    {
        Assert.Equal(position, CanaryRouting.Position(id));
        Assert.Equal(position < 0.25, CanaryRouting.ToChallenger(id, 0.25));
        Assert.Equal(position < 0.5, CanaryRouting.ToChallenger(id, 0.5));
    }

    [Fact]
    public void Pinned_answers_at_a_quarter()
    {
        Assert.False(CanaryRouting.ToChallenger("e-0", 0.25));
        Assert.True(CanaryRouting.ToChallenger("e-1", 0.25));
        Assert.False(CanaryRouting.ToChallenger("e-2", 0.25));
        Assert.True(CanaryRouting.ToChallenger("e-3", 0.25));
        Assert.True(CanaryRouting.ToChallenger("e-42", 0.25));
    }

    [Fact]
    public void The_hash_is_xxh64_of_the_specification()
    {
        // Test vectors of XXH64 with seed 0.
        Assert.Equal(0xEF46DB3751D8E999UL, XxHash64.HashToUInt64([]));
        Assert.Equal(0x44BC2CF5AD770999UL, XxHash64.HashToUInt64("abc"u8));
        Assert.Equal((0xEF46DB3751D8E999UL >> 11) / (double)(1UL << 53), CanaryRouting.Position(""));
    }

    [Fact]
    public void A_long_id_is_hashed_whole()
    {
        var longId = new string('x', 1000);
        Assert.NotEqual(CanaryRouting.Position(longId), CanaryRouting.Position(longId + "y"));
        Assert.Equal(CanaryRouting.Position(longId), CanaryRouting.Position(new string('x', 1000)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_one_is_refused(double share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CanaryRouting.ToChallenger("e-1", share));
    }
}
