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
}
