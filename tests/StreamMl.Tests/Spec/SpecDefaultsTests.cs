using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Spec;

public sealed class SpecDefaultsTests
{
    [Fact]
    public void Fields_left_out_of_the_file_keep_their_defaults()
    {
        var spec = SpecLoader.Parse("""
            { "name": "s", "features": [{ "name": "x", "kind": "Numeric" }], "label": { "name": "y" }, "model": { "trainer": "FastTree" } }
            """);

        Assert.Equal(1 << 20, spec.MaxEventBytes);
        Assert.Equal(["1", "true"], spec.Label.PositiveValues);
        Assert.Equal(["0", "false"], spec.Label.NegativeValues);
        Assert.Equal(LabelKind.Binary, spec.Label.Kind);
        Assert.Equal(1, spec.Model.Seed);
        Assert.Empty(spec.Model.HyperParameters);
        Assert.Equal(5000, spec.Window.Events);
        Assert.Empty(spec.Derived);
    }
}
