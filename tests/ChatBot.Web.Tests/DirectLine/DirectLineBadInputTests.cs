using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Web.Tests.Hosting;

namespace ChatBot.Web.Tests.DirectLine;

/// <summary>
/// Malformed requests get a clear 4xx and change nothing: the conversation they aimed at and every
/// other conversation carry on as before.
/// </summary>
public sealed class DirectLineBadInputTests : IAsyncLifetime
{
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;
    private DirectLineTestClient _target = null!;
    private DirectLineTestClient _bystander = null!;

    public async Task InitializeAsync()
    {
        _server = ChatBotServer.Start();
        _http = _server.CreateClient();
        _target = await DirectLineTestClient.StartAsync(_http);
        _bystander = await DirectLineTestClient.StartAsync(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadBodies => new()
    {
        { "malformed JSON", """{"type":"message","text":"こんにちは""", HttpStatusCode.BadRequest, "BadSyntax" },
        { "not an object", """["message"]""", HttpStatusCode.BadRequest, "BadSyntax" },
        { "two values", """{"type":"message"} {"type":"message"}""", HttpStatusCode.BadRequest, "BadSyntax" },
        { "no type", """{"text":"こんにちは"}""", HttpStatusCode.BadRequest, "MissingProperty" },
        { "empty type", """{"type":"","text":"こんにちは"}""", HttpStatusCode.BadRequest, "MissingProperty" },
        { "a type clients may not send", """{"type":"conversationUpdate","membersAdded":[]}""", HttpStatusCode.BadRequest, "BadArgument" },
        { "event without a name", """{"type":"event"}""", HttpStatusCode.BadRequest, "MissingProperty" },
        { "text of the wrong type", """{"type":"message","text":{"a":1}}""", HttpStatusCode.BadRequest, "BadSyntax" },
        { "a 1 MB text", """{"type":"message","text":"__BIG__"}""", HttpStatusCode.RequestEntityTooLarge, "MessageSizeTooBig" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_activity_gets_a_clear_4xx_and_changes_nothing(string what, string body, HttpStatusCode expected, string code)
    {
        var json = body.Replace("__BIG__", new string('あ', 350_000), StringComparison.Ordinal);

        var (status, error) = await _target.PostAsync(json);

        Assert.True(status == expected, $"{what}: expected {expected}, got {status}");
        Assert.Equal(code, (string)error["error"]!["code"]!);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Body_that_is_not_UTF8_or_not_JSON_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{_target.ConversationId}/activities", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _target.Token);
        request.Content = new ByteArrayContent([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var badUtf8 = await _http.SendAsync(request);

        using var xml = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{_target.ConversationId}/activities", UriKind.Relative));
        xml.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _target.Token);
        xml.Content = new StringContent("<activity/>", Encoding.UTF8, "application/xml");
        using var notJson = await _http.SendAsync(xml);

        Assert.Equal(HttpStatusCode.BadRequest, badUtf8.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Unknown_conversation_id_gets_403_for_a_foreign_token_and_404_when_never_started()
    {
        var notStarted = await DirectLineTestClient.CreateAsync(_http);

        var (foreignStatus, _) = await _target.GetActivitiesAsync(conversationId: "no-such-conversation");
        var (neverStartedStatus, body) = await notStarted.GetActivitiesAsync();
        var (postStatus, _) = await notStarted.SayAsync("こんにちは");

        Assert.Equal(HttpStatusCode.Forbidden, foreignStatus);
        Assert.Equal(HttpStatusCode.NotFound, neverStartedStatus);
        Assert.Equal("BadArgument", (string)body["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.NotFound, postStatus);
        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task Invalid_watermark_gets_400(string watermark)
    {
        var (status, body) = await _target.GetActivitiesAsync(watermark);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadArgument", (string)body["error"]!["code"]!);
    }

    [Fact]
    public async Task File_uploads_are_refused_with_a_reason()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{_target.ConversationId}/upload?userId=x", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _target.Token);
        request.Content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "photo.jpg" } };

        using var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("write in words", (string)body["error"]!["message"]!, StringComparison.OrdinalIgnoreCase);
        await AssertNothingChangedAsync();
    }

    private async Task AssertNothingChangedAsync()
    {
        var (_, target) = await _target.GetActivitiesAsync();
        Assert.Equal(_target.GreetingCount, target["activities"]!.AsArray().Count);

        var transcript = await _bystander.SayAndWaitAsync("自分のこと");
        Assert.Equal("bot", DirectLineTestClient.Role(transcript[^1]!));

        using var health = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
