using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StreamMl.Streams.DevBroker;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.EndToEnd;

/// <summary>One node with an admin token, shared by the tests of <see cref="AdminAuthTests"/>.</summary>
public sealed class AdminNodeFixture : IAsyncLifetime
{
    public const string Token = "test-admin-token-7f3a";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-admin-").FullName;
    private MockKafkaCluster? _broker;

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _broker = TestBroker.Start();
        Node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
            ["Admin:Token"] = Token,
        });
        // The node registers the model it was started with; until then the registry has no champion.
        await Eventually.Get(async () => (await Node.GetJson("/models")).GetProperty("champion").GetString(), c => c == "v1",
            TimeSpan.FromSeconds(60), "v1 registered as the champion");
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _broker?.Dispose();
    }
}

/// <summary>The model endpoints' actions need the admin token, and every refusal is JSON with the right status.</summary>
public sealed class AdminAuthTests(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    private HttpClient Http => fixture.Node.Http;

    public static TheoryData<string, string?> Actions => new()
    {
        { "/models/v1/promote", """{"mode":"full"}""" },
        { "/models/rollback", null },
        { "/retrain", """{"reason":"test"}""" },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task An_action_without_a_token_is_401(string path, string? body)
    {
        await AssertError(await Post(path, body, authorization: null), HttpStatusCode.Unauthorized, "admin token");
        // Another scheme is no token either.
        await AssertError(await Post(path, body, new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()))),
            HttpStatusCode.Unauthorized, "Bearer");
        // The token is checked before the body is read.
        await AssertError(await Post(path, "{not json", authorization: null), HttpStatusCode.Unauthorized, "admin token");
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task An_action_with_a_wrong_token_is_403(string path, string? body)
    {
        await AssertError(await Post(path, body, Bearer("wrong")), HttpStatusCode.Forbidden, "wrong");
        await AssertError(await Post(path, body, Bearer(AdminNodeFixture.Token + "x")), HttpStatusCode.Forbidden, "wrong");
        await AssertError(await Post(path, body, Bearer(AdminNodeFixture.Token[..^1])), HttpStatusCode.Forbidden, "wrong");
    }

    [Fact]
    public async Task An_action_with_the_right_token_is_carried_out_or_refused_on_its_merits()
    {
        // v1 is the champion already, and there is no champion before it to roll back to: conflicts, not auth failures.
        await AssertError(await Post("/models/v1/promote", """{"mode":"full"}""", Bearer(AdminNodeFixture.Token)), HttpStatusCode.Conflict, "already the champion");
        await AssertError(await Post("/models/rollback", null, Bearer(AdminNodeFixture.Token)), HttpStatusCode.Conflict, "no previous champion");
        var retrain = await Post("/retrain", """{"reason":"auth test"}""", Bearer(AdminNodeFixture.Token));
        Assert.Equal(HttpStatusCode.Accepted, retrain.StatusCode);
        var status = await retrain.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(status.TryGetProperty("state", out _), status.GetRawText());
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task The_scheme_is_case_insensitive(string scheme)
    {
        await AssertError(await Post("/models/rollback", null, new AuthenticationHeaderValue(scheme, AdminNodeFixture.Token)), HttpStatusCode.Conflict, "no previous champion");
        await AssertError(await Post("/models/rollback", null, new AuthenticationHeaderValue(scheme, "wrong")), HttpStatusCode.Forbidden, "wrong");
    }

    [Fact]
    public async Task A_bearer_without_a_token_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/models/rollback");
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", "Bearer   "));
        await AssertError(await Http.SendAsync(request), HttpStatusCode.Unauthorized, "Bearer TOKEN");
    }

    [Fact]
    public async Task Promoting_an_unknown_version_is_404()
    {
        await AssertError(await Post("/models/v99/promote", null, Bearer(AdminNodeFixture.Token)), HttpStatusCode.NotFound, "v99");
        await AssertError(await Post("/models/nope/promote", """{"mode":"shadow"}""", Bearer(AdminNodeFixture.Token)), HttpStatusCode.NotFound, "nope");
    }

    [Theory]
    [InlineData("/models/v1/promote", "{\"mode\":")]
    [InlineData("/models/v1/promote", "not json")]
    [InlineData("/models/v1/promote", "[\"full\"]")]
    [InlineData("/models/v1/promote", "{\"mode\":\"full\",\"colour\":\"red\"}")]
    [InlineData("/models/v1/promote", "{\"mode\":1}")]
    [InlineData("/retrain", "{\"reason\":")]
    [InlineData("/retrain", "{\"why\":\"because\"}")]
    public async Task A_bad_body_is_400(string path, string body)
    {
        var response = await Post(path, body, Bearer(AdminNodeFixture.Token));
        await AssertError(response, HttpStatusCode.BadRequest, "");
    }

    [Theory]
    [InlineData("{\"mode\":\"sideways\"}", "mode 'sideways'")]
    [InlineData("{\"mode\":\"FULL\"}", "mode 'FULL'")]
    [InlineData("{\"mode\":\"canary\",\"share\":1.5}", "canary share")]
    [InlineData("{\"mode\":\"canary\",\"share\":1}", "canary share")]
    [InlineData("{\"mode\":\"canary\",\"share\":0}", "canary share")]
    [InlineData("{\"mode\":\"canary\",\"share\":-0.1}", "canary share")]
    [InlineData("{\"mode\":\"canary\"}", "canary share")]
    [InlineData("{\"mode\":\"full\",\"share\":0.5}", "\"share\" applies only")]
    [InlineData("{\"mode\":\"shadow\",\"share\":0.5}", "\"share\" applies only")]
    public async Task A_bad_mode_or_canary_share_is_400(string body, string expected)
    {
        await AssertError(await Post("/models/v1/promote", body, Bearer(AdminNodeFixture.Token)), HttpStatusCode.BadRequest, expected);
    }

    [Fact]
    public async Task The_models_list_v1_as_the_champion_and_an_unknown_version_is_404()
    {
        var models = await fixture.Node.GetJson("/models");
        Assert.Equal("v1", models.GetProperty("champion").GetString());
        Assert.Equal(JsonValueKind.Null, models.GetProperty("challenger").ValueKind);
        var v1 = Assert.Single(models.GetProperty("models").EnumerateArray(), m => m.GetProperty("version").GetString() == "v1");
        Assert.Equal("champion", v1.GetProperty("status").GetString());
        Assert.Equal("champion", (await fixture.Node.GetJson("/models/v1")).GetProperty("status").GetString());
        var lineage = await fixture.Node.GetJson("/models/v1/lineage");
        Assert.Equal(["ModelImported", "ModelPromoted"], lineage.GetProperty("steps").EnumerateArray().Take(2).Select(s => s.GetProperty("kind").GetString()));

        await AssertError(await Http.GetAsync("/models/nope"), HttpStatusCode.NotFound, "nope");
        await AssertError(await Http.GetAsync("/models/nope/lineage"), HttpStatusCode.NotFound, "nope");
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private async Task<HttpResponseMessage> Post(string path, string? body, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Authorization = authorization;
        return await Http.SendAsync(request);
    }

    /// <summary>The response has the status and a JSON body <c>{"error": "…"}</c> whose message contains <paramref name="expected"/>.</summary>
    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}; expected {(int)status}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains(expected, error);
    }
}
