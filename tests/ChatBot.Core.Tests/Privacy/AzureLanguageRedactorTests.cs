using System.Net;
using ChatBot.Core.Content;
using ChatBot.Core.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests.Privacy;

public sealed class AzureLanguageRedactorTests : IDisposable
{
    private const string Endpoint = "https://chatbot-test.cognitiveservices.azure.com/";
    private readonly FakeAzureLanguage _azure = new();
    private readonly CapturedLogs _logs = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public AzureLanguageRedactorTests()
    {
        _services = BuildServices(_azure, _logs, _time, new Dictionary<string, string?>
        {
            ["Privacy:Redactor"] = "AzureLanguage",
            ["Privacy:AzureLanguage:Endpoint"] = Endpoint,
            ["Privacy:AzureLanguage:Key"] = "test-key",
            ["Privacy:AzureLanguage:MaxTextLength"] = "5000",
        });
    }

    private IRedactor Redactor => _services.GetRequiredService<IRedactor>();

    public void Dispose()
    {
        _services.Dispose();
        _azure.Dispose();
    }

    [Fact]
    public void Local_redactor_is_the_default_and_Azure_is_chosen_by_configuration()
    {
        using var defaults = BuildServices(_azure, _logs, _time, new Dictionary<string, string?>());

        Assert.IsType<LocalRedactor>(defaults.GetRequiredService<IRedactor>());
        Assert.IsType<AzureLanguageRedactor>(Redactor);
    }

    [Fact]
    public async Task Azure_is_sent_the_documented_request_and_its_findings_are_joined_with_the_local_ones()
    {
        const string text = "昨日、花子に会いました。電話は090-1234-5678です";
        _azure.Answer = sent => FakeAzureLanguage.Entities(
            ("DateTime", sent.IndexOf("昨日", StringComparison.Ordinal), 2, 0.9),
            ("Person", sent.IndexOf("花子", StringComparison.Ordinal), 2, 0.95),
            ("PhoneNumber", sent.IndexOf("090", StringComparison.Ordinal), 13, 0.8));

        var result = await Redactor.RedactAsync(text, "ja-JP", CancellationToken.None);

        Assert.Equal("昨日、〔名前〕に会いました。電話は〔電話番号〕です", result.Text);
        var request = Assert.Single(_azure.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(Endpoint + "language/:analyze-text?api-version=2023-04-01"), request.Uri);
        Assert.Equal("test-key", request.Key);
        var json = request.Json;
        Assert.Equal("PiiEntityRecognition", json["kind"]!.GetValue<string>());
        Assert.Equal("Utf16CodeUnit", json["parameters"]!["stringIndexType"]!.GetValue<string>());
        Assert.True(json["parameters"]!["loggingOptOut"]!.GetValue<bool>());
        var document = json["analysisInput"]!["documents"]![0]!;
        Assert.Equal("ja", document["language"]!.GetValue<string>());
        Assert.Equal(text, document["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Overlapping_findings_are_merged_and_the_city_in_front_of_an_address_stays()
    {
        const string text = "住所は横浜市港北区日吉1-2-3 サンハイツです";
        _azure.Answer = sent => FakeAzureLanguage.Entities(
            ("Address", sent.IndexOf("横浜市", StringComparison.Ordinal), "横浜市港北区日吉1-2-3 サンハイツ".Length, 0.9));

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.Equal("住所は横浜市港北区〔住所〕です", result.Text);
    }

    [Theory]
    [InlineData("横浜市港北区に住んでいます", "Address", "横浜市港北区")]
    [InlineData("0120-279-338に電話したけどつながらない", "PhoneNumber", "0120-279-338")]
    [InlineData("https://www.city.yokohama.lg.jp/ を見ました", "URL", "https://www.city.yokohama.lg.jp/")]
    [InlineData("25歳です", "Age", "25歳")]
    public async Task What_Azure_finds_is_held_to_the_same_rules_as_the_local_redactor(string text, string category, string value)
    {
        _azure.Answer = sent => FakeAzureLanguage.Entities((category, sent.IndexOf(value, StringComparison.Ordinal), value.Length, 0.99));

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.Equal(text, result.Text);
    }

    [Fact]
    public async Task Findings_Azure_is_unsure_of_are_ignored()
    {
        _azure.Answer = sent => FakeAzureLanguage.Entities(("Person", sent.IndexOf("ひまわり", StringComparison.Ordinal), 4, 0.3));

        var result = await Redactor.RedactAsync("ひまわりが咲いていた", "ja", CancellationToken.None);

        Assert.Equal("ひまわりが咲いていた", result.Text);
    }

    public static TheoryData<string, Func<string, HttpResponseMessage>> FailedAnswers => new()
    {
        { "server error", _ => FakeAzureLanguage.Json(HttpStatusCode.InternalServerError, "{\"error\":{\"code\":\"InternalServerError\"}}") },
        { "throttled", _ => FakeAzureLanguage.Json(HttpStatusCode.TooManyRequests, "{}") },
        { "not JSON", _ => FakeAzureLanguage.Json(HttpStatusCode.OK, "<html>gateway</html>") },
        { "document error", _ => FakeAzureLanguage.Json(HttpStatusCode.OK, "{\"kind\":\"PiiEntityRecognitionResults\",\"results\":{\"documents\":[],\"errors\":[{\"id\":\"1\",\"error\":{\"code\":\"InvalidArgument\"}}]}}") },
        { "offset outside the text", sent => FakeAzureLanguage.Entities(("Person", sent.Length - 1, 5, 0.9)) },
        { "connection refused", _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused") },
    };

    [Theory]
    [MemberData(nameof(FailedAnswers))]
    public async Task When_Azure_fails_the_local_redactor_is_used_alone_and_the_log_holds_no_text(string failure, Func<string, HttpResponseMessage> answer)
    {
        const string text = "山田といいます。電話は090-1234-5678、ひまわり畑のそばです";
        _azure.Answer = answer;

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.Equal("〔名前〕といいます。電話は〔電話番号〕、ひまわり畑のそばです", result.Text);
        var warning = Assert.Single(_logs.Entries, e => e.EventId.Id == 5001);
        Assert.Equal(LogLevel.Warning, warning.Level);
        AssertNoTextIn(_logs.AllText, text, failure);
    }

    [Fact]
    public async Task When_Azure_does_not_answer_in_time_the_local_redactor_is_used_alone()
    {
        const string text = "メールはhanako@example.jpです";
        _azure.Hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var pending = Redactor.RedactAsync(text, "ja", CancellationToken.None).AsTask();
        await _azure.Hang.Task;
        _time.Advance(TimeSpan.FromSeconds(5));
        var result = await pending;

        Assert.Equal("メールは〔メールアドレス〕です", result.Text);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 5001 && e.Message.Contains("timeout", StringComparison.Ordinal));
        AssertNoTextIn(_logs.AllText, text, "timeout");
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_a_cancellation_not_a_fallback()
    {
        _azure.Hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var caller = new CancellationTokenSource();

        var pending = Redactor.RedactAsync("090-1234-5678", "ja", caller.Token).AsTask();
        await _azure.Hang.Task;
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task A_text_longer_than_Azure_takes_is_redacted_locally_without_a_call()
    {
        var text = "電話は090-1234-5678です。" + new string('あ', 5000);

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.StartsWith("電話は〔電話番号〕です。", result.Text, StringComparison.Ordinal);
        Assert.Empty(_azure.Requests);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 5002);
        AssertNoTextIn(_logs.AllText, text, "too long");
    }

    [Fact]
    public async Task A_broken_surrogate_is_sent_as_a_replacement_character_and_kept_in_the_result()
    {
        const string text = "\uD800花子です";
        _azure.Answer = sent => FakeAzureLanguage.Entities(("Person", sent.IndexOf("花子", StringComparison.Ordinal), 2, 0.9));

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.Equal("\uD800〔名前〕です", result.Text);
        Assert.Equal("\uFFFD花子です", Assert.Single(_azure.Requests).Json["analysisInput"]!["documents"]![0]!["text"]!.GetValue<string>());
    }

    internal static ServiceProvider BuildServices(FakeAzureLanguage azure, CapturedLogs logs, TimeProvider time, IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Content:DialogsPath"] = RepoPaths.Dialogs })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.SectionName));
        services.AddPrivacy(configuration);
        services.AddHttpClient(AzureLanguageRedactor.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => azure);
        return services.BuildServiceProvider();
    }

    private static void AssertNoTextIn(string log, string text, string failure)
    {
        Assert.False(string.IsNullOrEmpty(log), "something should have been logged");
        foreach (var fragment in Fragments(text))
        {
            Assert.False(log.Contains(fragment, StringComparison.Ordinal), $"{failure}: the log contains «{fragment}» from the text");
        }
    }

    /// <summary>Every 4-character piece of the text that is not just digits or space.</summary>
    private static IEnumerable<string> Fragments(string text) =>
        Enumerable.Range(0, Math.Max(0, text.Length - 3))
            .Select(i => text.Substring(i, 4))
            .Where(f => f.Any(c => !char.IsAsciiDigit(c) && !char.IsWhiteSpace(c)))
            .Distinct();
}
