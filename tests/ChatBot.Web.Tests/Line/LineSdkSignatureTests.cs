using System.Text.Json.Nodes;
using ChatBot.Web.Tests.Hosting;

namespace ChatBot.Web.Tests.Line;

/// <summary>
/// The webhook accepts exactly the signatures LINE's own Node.js SDK accepts (its validateSignature),
/// over the same bytes: Japanese text, \u-escaped text and emoji, pretty-printed JSON, the Verify body.
/// </summary>
public sealed class LineSdkSignatureTests
{
    [Fact]
    public async Task Webhook_accepts_exactly_what_the_official_SDK_accepts()
    {
        await using var line = await LineTestHarness.StartAsync();

        var (exitCode, output, errors) = await NodeScript.RunAsync(
            "LineSdk", "signature-check.mjs", new Uri(line.Server.BaseAddress, "/api/line/webhook").ToString(), LineTestHarness.Secret);

        Assert.True(exitCode == 0, $"signature-check.mjs failed (exit {exitCode}): {errors}");
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(12, results.Count);
        Assert.Equal(4, results.Count(r => (bool)r["sdkAccepts"]!));
        Assert.All(results, r => Assert.True(
            (bool)r["sdkAccepts"]! ? (int)r["status"]! == 200 : (int)r["status"]! == 401,
            $"{r["body"]} with a {r["signature"]} signature: the SDK says {r["sdkAccepts"]}, the webhook answered {r["status"]}"));
    }
}
