using ChatBot.Core.Privacy;

namespace ChatBot.Core.Tests.Privacy;

public sealed class PrivacyRegistrationTests
{
    [Fact]
    public async Task The_core_services_redact_pseudonymise_and_state_the_purge_period_in_the_notice()
    {
        await using var core = await CoreServices.StartAsync(new Dictionary<string, string?> { ["Retention:ConversationDays"] = "60" });

        var redacted = await core.Get<IRedactor>().RedactAsync("携帯は090-1234-5678です", "ja", CancellationToken.None);

        Assert.Equal("携帯は〔電話番号〕です", redacted.Text);
        Assert.StartsWith(HmacPseudonymizer.UserPrefix, core.Get<IPseudonymizer>().Pseudonymize("directline", "dl_abc"), StringComparison.Ordinal);
        Assert.Contains("60 日間", core.Get<IPrivacyNotice>().Text("ja"), StringComparison.Ordinal);
        Assert.Contains("60 days", core.Get<IPrivacyNotice>().Text("en"), StringComparison.Ordinal);
    }
}
