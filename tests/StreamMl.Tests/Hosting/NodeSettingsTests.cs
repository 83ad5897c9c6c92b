using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Hosting;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Hosting;

public sealed class NodeSettingsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["StreamMl:Spec"] = RepoPaths.Spec("elec2.json"),
        ["StreamMl:Model"] = TestModels.ElecV1,
        ["StreamMl:Kafka:BootstrapServers"] = "127.0.0.1:9092",
        ["StreamMl:DataDirectory"] = Path.Combine(Path.GetTempPath(), $"streamml-settings-{Guid.NewGuid():N}"),
    };

    [Theory]
    [InlineData("StreamMl:Spec", "/nowhere/spec.json", "StreamMl:Spec (--spec)")]
    [InlineData("StreamMl:Model", null, "StreamMl:Model (--model)")]
    [InlineData("StreamMl:Kafka:BootstrapServers", null, "StreamMl:Kafka:BootstrapServers (--bootstrap-servers)")]
    [InlineData("StreamMl:Persistence:Provider", "oracle", "StreamMl:Persistence:Provider (--persistence)")]
    [InlineData("StreamMl:Cluster:Port", "70000", "StreamMl:Cluster:Port (--cluster-port)")]
    [InlineData("StreamMl:Cluster:Roles:0", "chef", "StreamMl:Cluster:Roles (--roles)")]
    [InlineData("StreamMl:Cluster:SeedNodes:0", "http://x", "StreamMl:Cluster:SeedNodes (--seed-nodes)")]
    [InlineData("StreamMl:Kafka:GroupProtocol", "eager", "StreamMl:Kafka:GroupProtocol")]
    public void A_bad_setting_stops_the_node_with_a_message_naming_it(string key, string? value, string named)
    {
        var settings = Valid();
        settings[key] = value;

        var error = Assert.Throws<UsageException>(() => NodeHost.Build(settings));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_corrupt_model_artifact_is_refused_at_start()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"streamml-corrupt-{Guid.NewGuid():N}.zip");
        var bytes = File.ReadAllBytes(TestModels.ElecV1);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(copy, bytes);
        File.Copy(TestModels.ElecV1 + ".manifest.json", copy + ".manifest.json");
        var settings = Valid();
        settings["StreamMl:Model"] = copy;

        var error = Assert.Throws<Core.Modeling.ModelArtifactException>(() => NodeHost.Build(settings));

        Assert.Contains("hash mismatch", error.Message);
    }

    [Theory]
    [InlineData("StreamMl:Ingestion:WarmStartSlices", "-1")]
    [InlineData("StreamMl:Ingestion:WarmStartSeconds", "-5")]
    public void A_negative_warm_start_setting_stops_the_node_with_a_message_naming_it(string key, string value)
    {
        var settings = Valid();
        settings[key] = value;

        var error = Assert.Throws<UsageException>(() => NodeHost.Build(settings));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task The_node_does_not_watch_its_configuration_files()
    {
        // Settings are bound once at start; a watcher on appsettings.json would watch the content root and every
        // directory under it, the default data directory included, and wake at every checkpoint's writes.
        await using var app = NodeHost.Build(Valid());

        var root = Assert.IsAssignableFrom<Microsoft.Extensions.Configuration.IConfigurationRoot>(app.Configuration);
        var fileSources = root.Providers.OfType<Microsoft.Extensions.Configuration.FileConfigurationProvider>().Select(p => p.Source).ToList();
        Assert.NotEmpty(fileSources);
        Assert.All(fileSources, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched"));
    }
}
