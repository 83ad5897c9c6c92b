using System.Net;
using System.Text;
using System.Text.Json;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using StreamMl.Streams.DevBroker;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>A node serving elec v1 over the dev broker, for the explain endpoint's tests.</summary>
public sealed class ExplainNodeFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-explain-").FullName;
    private MockKafkaCluster? _broker;

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _broker = TestBroker.Start();
        Node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        await ModelVersions.WaitForChampion(Node, "v1");
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _broker?.Dispose();
    }
}

/// <summary><c>POST /models/{v}/explain</c>: the served version from the node's serving set, any other known version from the artifact store.</summary>
public sealed class ExplainEndpointTests(ExplainNodeFixture fixture) : IClassFixture<ExplainNodeFixture>
{
    private static readonly CompiledSpec Elec = new(SpecLoader.Load(RepoPaths.Spec("elec2.json")));
    private static readonly byte[] Event = ElecEvents.Json(ElecEvents.Read(5000, 1, "explain-")[0]);

    [Fact]
    public async Task The_served_version_explains_an_event_with_contributions_that_add_up_to_its_score()
    {
        var (status, json) = await Post("/models/v1/explain", Event);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("v1", json.GetProperty("modelVersion").GetString());
        Assert.Equal("explain-5000", json.GetProperty("eventId").GetString());
        Assert.Equal("tree-shap", json.GetProperty("method").GetString());
        var sum = json.GetProperty("baseValue").GetDouble() + json.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble());
        Assert.Equal(json.GetProperty("prediction").GetProperty("score").GetDouble(), sum, 1e-4);
        Assert.Equal(6, json.GetProperty("contributions").GetArrayLength());
    }

    [Fact]
    public async Task A_version_the_node_does_not_serve_is_loaded_from_the_artifact_store_and_explained()
    {
        await ModelVersions.Register(fixture.Node, ModelVersions.ElecV2);
        var v2 = ModelArtifact.LoadFromFile(ModelVersions.ElecV2, Elec).Artifact.Model;
        var decoded = new Core.Ingestion.EventDecoder(Elec).Decode(Event).Event!;

        var (status, json) = await Post("/models/v2/explain", Event);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("v2", json.GetProperty("modelVersion").GetString());
        Assert.Equal(new ModelScorer(v2).Score([decoded])[0].Score, json.GetProperty("prediction").GetProperty("score").GetDouble(), 1e-6);
    }

    [Fact]
    public async Task An_unknown_version_is_404_with_a_json_error()
    {
        var (status, json) = await Post("/models/v99/explain", Event);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no model version 'v99'", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{\"features\":{\"period\":0.5}}", "missing-id")]
    [InlineData("{\"id\":\"e-1\",\"features\":{\"colour\":\"red\"}}", "unknown-feature")]
    [InlineData("not json", "invalid-json")]
    [InlineData("", "invalid-json")]
    public async Task An_event_the_decoder_refuses_is_400_with_its_reason(string body, string reason)
    {
        var (status, json) = await Post("/models/v1/explain", Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, json.GetProperty("error").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> Post(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await fixture.Node.Http.PostAsync(path, content);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
