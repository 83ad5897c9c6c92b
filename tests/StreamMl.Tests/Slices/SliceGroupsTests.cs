using StreamMl.Core.Slices;
using Xunit;

namespace StreamMl.Tests.Slices;

public sealed class SliceGroupsTests
{
    [Fact]
    public void Each_slice_gets_an_array_of_the_size_counted_filled_in_order_and_slices_come_out_in_first_counted_order()
    {
        var groups = new SliceGroups<int>();
        groups.Count("b");
        groups.Count("a", 2);
        groups.Count("b");
        groups.Allocate();
        groups.Add("a", 1);
        groups.Add("b", 2);
        groups.Add("a", 3);
        groups.Add("b", 4);

        Assert.Equal(2, groups.SliceCount);
        Assert.Equal([("b", new[] { 2, 4 }), ("a", new[] { 1, 3 })], groups.All().ToArray());
    }

    [Fact]
    public void After_clear_a_gathering_starts_afresh_and_the_arrays_given_out_before_stay_as_they_were()
    {
        var groups = new SliceGroups<int>();
        groups.Count("a", 2);
        groups.Allocate();
        groups.Add("a", 1);
        groups.Add("a", 2);
        var first = groups.All().ToArray();

        groups.Clear();
        groups.Count("c");
        groups.Count("a");
        groups.Allocate();
        groups.Add("a", 7);
        groups.Add("c", 8);

        Assert.Equal([("a", new[] { 1, 2 })], first);
        Assert.Equal(2, groups.SliceCount);
        Assert.Equal([("c", new[] { 8 }), ("a", new[] { 7 })], groups.All().ToArray());
    }
}
