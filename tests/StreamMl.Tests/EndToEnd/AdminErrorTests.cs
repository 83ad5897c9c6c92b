using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.EndToEnd;

/// <summary>Every error of the admin endpoint is JSON, and operator input has limits.</summary>
public sealed class AdminErrorTests(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    private HttpClient Http => fixture.Node.Http;

    [Fact]
    public async Task An_unknown_route_is_404_with_a_json_error()
    {
        await AssertError(await Http.GetAsync("/no/such/thing"), HttpStatusCode.NotFound, "no such endpoint: GET /no/such/thing");
    }

    [Fact]
    public async Task A_wrong_method_is_405_with_a_json_error()
    {
        await AssertError(await Http.DeleteAsync("/models"), HttpStatusCode.MethodNotAllowed, "/models does not take DELETE");
    }

    [Fact]
    public async Task Oversized_headers_are_431_with_a_json_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Padding", new string('x', 40 * 1024));

        await AssertError(await Http.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "at most 32768 are accepted");
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_with_a_json_error_and_nothing_is_done()
    {
        var response = await Post("/retrain", JsonSerializer.Serialize(new { reason = new string('r', 200 * 1024) }));
        await AssertError(response, HttpStatusCode.RequestEntityTooLarge, "larger than 65536 bytes");

        // A 10 MB body is refused too: the node answers 413 and closes the connection while the client still sends.
        try
        {
            var huge = await Post("/retrain", JsonSerializer.Serialize(new { reason = new string('r', 10 * 1024 * 1024) }));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        }
        catch (HttpRequestException)
        {
        }
        var status = await fixture.Node.GetJson("/retraining");
        Assert.Equal(0, status.GetProperty("runsStarted").GetInt32());
    }

    [Fact]
    public async Task A_retraining_reason_over_500_characters_is_400()
    {
        var response = await Post("/retrain", JsonSerializer.Serialize(new { reason = new string('r', 501) }));

        await AssertError(response, HttpStatusCode.BadRequest, "at most 500");
    }

    private async Task<HttpResponseMessage> Post(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodeFixture.Token);
        return await Http.SendAsync(request);
    }

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(expected, error);
    }
}
