using ChatBot.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Privacy;

public sealed class PrivacyNoticeTests
{
    private static PrivacyNotice Load(PrivacyOptions? options = null, string? dialogs = null, int retentionDays = 90) =>
        PrivacyNotice.Load(dialogs ?? RepoPaths.Dialogs, options ?? new PrivacyOptions(), retentionDays);

    [Fact]
    public void The_notice_in_dialogs_loads_in_Japanese_and_English_with_one_dated_version()
    {
        var notice = Load();

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", notice.Version);
        Assert.Equal(["en", "ja"], notice.Languages);
        Assert.All(notice.Languages, language => Assert.DoesNotContain("{", notice.Text(language), StringComparison.Ordinal));
    }

    [Fact]
    public void The_notice_tells_people_what_is_kept_what_is_never_asked_the_one_exception_and_how_to_delete()
    {
        var notice = Load();
        var japanese = notice.Text("ja-JP");
        var english = notice.Text("en-US");

        Assert.Contains("90 日間", japanese, StringComparison.Ordinal);
        Assert.Contains("「データを消して」", japanese, StringComparison.Ordinal);
        Assert.Contains("LINE", japanese, StringComparison.Ordinal);
        Assert.Contains("命", japanese, StringComparison.Ordinal);
        Assert.Contains("お名前、住所、電話番号", japanese, StringComparison.Ordinal);
        Assert.Contains("同意の記録", japanese, StringComparison.Ordinal);
        Assert.Contains("この相談窓口を運営する自治体・団体", japanese, StringComparison.Ordinal);

        Assert.Contains("90 days", english, StringComparison.Ordinal);
        Assert.Contains("\"delete my data\"", english, StringComparison.Ordinal);
        Assert.Contains("LINE", english, StringComparison.Ordinal);
        Assert.Contains("danger", english, StringComparison.Ordinal);
        Assert.Contains("the municipality or organisation operating this service", english, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_and_the_retention_period_come_from_configuration()
    {
        var options = new PrivacyOptions();
        options.OperatorName["ja"] = "横浜市";
        options.OperatorName["en"] = "the City of Yokohama";

        var notice = Load(options, retentionDays: 30);

        Assert.Contains("横浜市が運営しています", notice.Text("ja"), StringComparison.Ordinal);
        Assert.Contains("30 日間", notice.Text("ja"), StringComparison.Ordinal);
        Assert.Contains("run by the City of Yokohama", notice.Text("en"), StringComparison.Ordinal);
        Assert.Contains("30 days", notice.Text("en"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_outside_analysis_service_is_mentioned_only_when_it_is_used()
    {
        var local = Load();
        var azure = Load(new PrivacyOptions { Redactor = RedactorKind.AzureLanguage });

        Assert.DoesNotContain("Azure", local.Text("ja"), StringComparison.Ordinal);
        Assert.DoesNotContain("Azure", local.Text("en"), StringComparison.Ordinal);
        Assert.Contains("Azure", azure.Text("ja"), StringComparison.Ordinal);
        Assert.Contains("Azure", azure.Text("en"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_AI_model_is_mentioned_only_when_one_is_configured()
    {
        var off = Load();
        var on = PrivacyNotice.Load(RepoPaths.Dialogs, new PrivacyOptions(), 90, aiService: true);

        Assert.DoesNotContain("AI", off.Text("ja"), StringComparison.Ordinal);
        Assert.DoesNotContain("AI", off.Text("en"), StringComparison.Ordinal);
        Assert.Contains("要約などに使うAI", on.Text("ja"), StringComparison.Ordinal);
        Assert.Contains("AI used for summaries", on.Text("en"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "Your privacy")]
    [InlineData("en", "Your privacy")]
    [InlineData("ja-JP", "プライバシーについて")]
    [InlineData("fr-FR", "プライバシーについて")]
    [InlineData(null, "プライバシーについて")]
    public void The_notice_is_given_in_the_person_s_language_and_in_Japanese_otherwise(string? locale, string heading)
    {
        Assert.StartsWith("# " + heading, Load().Text(locale), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "version: 2026-11-29\n", "")]
    [InlineData("en", "language: en\n", "language: ja\n")]
    [InlineData("en", "version: 2026-11-29", "version: 2026-12-01")]
    [InlineData("ja", "{retention_days}", "{retention_weeks}")]
    [InlineData("ja", "{end}\n", "")]
    [InlineData("en", "---\nversion", "version")]
    public void A_broken_notice_stops_the_start_with_the_file_named(string language, string find, string replace)
    {
        using var content = PrivacyContent.CopyOfRepository();
        var path = PrivacyNotice.FilePath(content.Dialogs, language);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => Load(dialogs: content.Dialogs));

        Assert.Contains($"notice.{language}.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_language_stops_the_service_at_start()
    {
        using var content = PrivacyContent.CopyOfRepository();
        File.Delete(PrivacyNotice.FilePath(content.Dialogs, "en"));

        var error = await PrivacyHost.StartFailsAsync(new Dictionary<string, string?>
        {
            ["Content:DialogsPath"] = content.Dialogs,
            ["DataDirectory"] = Path.Combine(Path.GetDirectoryName(content.Dialogs)!, "data"),
        });

        Assert.IsType<FileNotFoundException>(error);
        Assert.Contains("notice.en.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_started_service_offers_the_notice_the_redactor_and_the_pseudonymiser()
    {
        using var content = PrivacyContent.CopyOfRepository();
        using var host = PrivacyHost.Build(new Dictionary<string, string?>
        {
            ["Content:DialogsPath"] = content.Dialogs,
            ["DataDirectory"] = Path.Combine(Path.GetDirectoryName(content.Dialogs)!, "data"),
            ["Retention:ConversationDays"] = "45",
        });

        await host.StartAsync(CancellationToken.None);

        Assert.Contains("45 日間", host.Services.GetRequiredService<IPrivacyNotice>().Text("ja"), StringComparison.Ordinal);
        Assert.IsType<LocalRedactor>(host.Services.GetRequiredService<IRedactor>());
        Assert.StartsWith(HmacPseudonymizer.UserPrefix, host.Services.GetRequiredService<IPseudonymizer>().Pseudonymize("webchat", "dl_123"), StringComparison.Ordinal);
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Choosing_Azure_without_its_endpoint_and_key_stops_the_start()
    {
        var error = await PrivacyHost.StartFailsAsync(new Dictionary<string, string?>
        {
            ["Content:DialogsPath"] = RepoPaths.Dialogs,
            ["Privacy:Redactor"] = "AzureLanguage",
        });

        Assert.Contains("Privacy:AzureLanguage:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("Privacy:AzureLanguage:Key", error.Message, StringComparison.Ordinal);
    }
}
