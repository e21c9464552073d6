using ChatBot.Core.Callback;
using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;

namespace ChatBot.Core.Tests.Callback;

public sealed class CallbackStepTests : IAsyncLifetime
{
    private static readonly string[] PhoneForms = ["090-1234-5678", "09012345678", "０９０－１２３４－５６７８", "０９０１２３４５６７８", "1234-5678", "12345678"];

    private CallbackHarness _h = null!;

    public async Task InitializeAsync() => _h = await CallbackHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Asking_shows_the_consent_text_with_agree_and_no_thanks_and_keeps_nothing_yet()
    {
        var person = await _h.OpenAsync("c-offer");

        var replies = await person.SayAsync("折り返し連絡がほしい");

        var text = string.Join('\n', replies.Select(r => r.Text));
        Assert.Contains("折り返しを担当する相談員ひとりだけ", text, StringComparison.Ordinal);
        Assert.Contains("14日後", text, StringComparison.Ordinal);
        Assert.Equal(["同意する", "やめる"], replies[^1].SuggestedActions.Actions.Select(a => a.Title));
        Assert.Null(await _h.Store.GetLiveAsync("c-offer", CancellationToken.None));
    }

    [Fact]
    public async Task Without_consent_a_typed_phone_number_is_not_kept_anywhere()
    {
        var person = await _h.OpenAsync("c-no-consent");
        await person.SayAsync("折り返し連絡がほしい");

        await person.SayAsync("090-1234-5678");
        await person.SayAsync("やめる");

        Assert.Null(await _h.Store.GetLiveAsync("c-no-consent", CancellationToken.None));
        Assert.Null(await _h.Store.GetConsentAsync("c-no-consent", CancellationToken.None));
        Assert.Empty(await _h.Desk.ListAsync(await _h.CounsellorAsync("sato"), CancellationToken.None));
        var bytes = await _h.DatabaseBytesAsync();
        Assert.DoesNotContain(PhoneForms, form => CallbackHarness.Holds(bytes, form));
    }

    [Fact]
    public async Task A_consented_contact_is_kept_encrypted_the_transcript_has_the_placeholder_and_the_file_holds_no_form_of_it()
    {
        var person = await _h.OpenAsync("c-stored");
        await person.SayAsync("夜になると眠れなくて");

        var request = await person.LeaveContactAsync("０９０－１２３４－５６７８");

        Assert.Equal(CallbackState.Open, request.State);
        Assert.Equal(ContactKind.Phone, request.ContactKind);
        Assert.Equal("weekday-evening", request.PreferredWindow);
        Assert.Equal("夜になると眠れなくて", request.Summary);
        var consent = await _h.Store.GetConsentAsync(request.Id, CancellationToken.None);
        Assert.EndsWith("/callback-consent-2026-12", consent!.Value.NoticeVersion, StringComparison.Ordinal);
        Assert.Contains("〔電話番号〕", await person.LoggedUserTextsAsync());
        Assert.DoesNotContain(await person.LoggedUserTextsAsync(), t => t.Any(char.IsDigit) || t.Any(c => c is >= '０' and <= '９'));
        var bytes = await _h.DatabaseBytesAsync();
        Assert.DoesNotContain(PhoneForms, form => CallbackHarness.Holds(bytes, form));

        var sato = await _h.CounsellorAsync("sato");
        await _h.Desk.ClaimAsync(request.Id, sato, CancellationToken.None);
        var revealed = await _h.Desk.RevealAsync(request.Id, sato, CancellationToken.None);
        Assert.Equal("090-1234-5678", revealed.Value!.Contact);
    }

    [Fact]
    public async Task An_email_address_is_kept_encrypted_too()
    {
        var person = await _h.OpenAsync("c-email");

        var request = await person.LeaveContactAsync("taro.yamada@example.jp でお願いします", "いつでも");

        Assert.Equal(ContactKind.Email, request.ContactKind);
        Assert.Contains(await person.LoggedUserTextsAsync(), t => t.Contains("〔メールアドレス〕", StringComparison.Ordinal));
        var bytes = await _h.DatabaseBytesAsync();
        Assert.False(CallbackHarness.Holds(bytes, "taro.yamada"));
        Assert.False(CallbackHarness.Holds(bytes, "ｔａｒｏ．ｙａｍａｄａ"));
    }

    [Fact]
    public async Task A_phone_number_typed_after_the_person_left_the_question_is_not_taken()
    {
        var person = await _h.OpenAsync("c-left");
        await person.SayAsync("折り返し連絡がほしい");
        await person.SayAsync("同意する");

        await person.SayAsync("メニュー");
        await person.SayAsync("090-1234-5678");

        var live = await _h.Store.GetLiveAsync("c-left", CancellationToken.None);
        Assert.Equal(CallbackState.Collecting, live!.State);
        Assert.False(await _h.Store.HasContactAsync(live.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_crisis_message_with_a_number_interrupts_and_the_number_is_not_kept()
    {
        var person = await _h.OpenAsync("c-crisis");
        await person.SayAsync("折り返し連絡がほしい");
        await person.SayAsync("同意する");

        var replies = await person.SayTextAsync("090-1234-5678 今から死にます");

        Assert.Contains("110", replies, StringComparison.Ordinal);
        var live = await _h.Store.GetLiveAsync("c-crisis", CancellationToken.None);
        Assert.Equal(CallbackState.Collecting, live!.State);
        Assert.False(await _h.Store.HasContactAsync(live!.Id, CancellationToken.None));
        Assert.Empty(await _h.Desk.ListAsync(await _h.CounsellorAsync("sato"), CancellationToken.None));
    }

    [Fact]
    public async Task A_high_risk_message_with_the_contact_is_taken_and_raises_the_call_back_in_the_list()
    {
        var person = await _h.OpenAsync("c-high");
        await person.SayAsync("折り返し連絡がほしい");
        await person.SayAsync("同意する");

        await person.SayAsync("090-1234-5678 もう死にたい");

        var item = Assert.Single(await _h.Desk.ListAsync(await _h.CounsellorAsync("sato"), CancellationToken.None));
        Assert.Equal("high", item.Risk);
    }

    [Fact]
    public async Task Delete_my_contact_withdraws_it_at_once()
    {
        var person = await _h.OpenAsync("c-withdraw");
        var request = await person.LeaveContactAsync("090-1234-5678");

        var reply = await person.SayTextAsync("連絡先を消して");

        Assert.Contains("連絡先を消しました", reply, StringComparison.Ordinal);
        Assert.False(await _h.Store.HasContactAsync(request.Id, CancellationToken.None));
        var closed = await _h.Store.GetAsync(request.Id, CancellationToken.None);
        Assert.Equal(CallbackOutcome.Withdrawn, closed!.Outcome);
        Assert.Equal(string.Empty, closed.Summary);
        Assert.NotNull((await _h.Store.GetConsentAsync(request.Id, CancellationToken.None))!.Value.WithdrawnAt);
        Assert.Contains(await _h.Core.Get<IAuditLog>().ReadAsync("c-withdraw", 20, CancellationToken.None), e => e.Action == "callback.withdrawn");
    }

    [Fact]
    public async Task Delete_my_data_erases_the_call_back_and_says_so()
    {
        var person = await _h.OpenAsync("c-erase");
        var request = await person.LeaveContactAsync("090-1234-5678");

        await person.SayAsync("データを消して");
        var reply = await person.SayTextAsync("消す");

        Assert.Contains("折り返し連絡のための連絡先", reply, StringComparison.Ordinal);
        Assert.Null(await _h.Store.GetAsync(request.Id, CancellationToken.None));
        Assert.False(await _h.Store.HasContactAsync(request.Id, CancellationToken.None));
        Assert.Null(await _h.Store.GetConsentAsync(request.Id, CancellationToken.None));
    }

    [Fact]
    public async Task The_contact_is_purged_after_the_configured_days_even_if_never_closed()
    {
        var person = await _h.OpenAsync("c-expire");
        var request = await person.LeaveContactAsync("090-1234-5678");
        var purge = _h.Core.Get<RetentionPurge>();

        _h.Core.Clock.Advance(TimeSpan.FromDays(13));
        await purge.RunOnceAsync(CancellationToken.None);
        Assert.True(await _h.Store.HasContactAsync(request.Id, CancellationToken.None));

        _h.Core.Clock.Advance(TimeSpan.FromDays(1.5));
        await purge.RunOnceAsync(CancellationToken.None);

        Assert.False(await _h.Store.HasContactAsync(request.Id, CancellationToken.None));
        var expired = await _h.Store.GetAsync(request.Id, CancellationToken.None);
        Assert.Equal(CallbackState.Closed, expired!.State);
        Assert.Equal(CallbackOutcome.Expired, expired.Outcome);
        Assert.Empty(await _h.Desk.ListAsync(await _h.CounsellorAsync("sato"), CancellationToken.None));
    }

    [Fact]
    public async Task The_maximum_days_are_configurable_and_the_consent_text_says_them()
    {
        await using var h = await CallbackHarness.StartAsync(new Dictionary<string, string?> { ["Callback:MaxDays"] = "3" });
        var person = await h.OpenAsync("c-three");

        Assert.Contains("3日後", await person.SayTextAsync("折り返し連絡がほしい"), StringComparison.Ordinal);
        await person.SayAsync("同意する");
        await person.SayAsync("090-1234-5678");
        var request = (await h.Store.GetLiveAsync("c-three", CancellationToken.None))!;
        h.Core.Clock.Advance(TimeSpan.FromDays(3.1));
        await h.Core.Get<RetentionPurge>().RunOnceAsync(CancellationToken.None);

        Assert.False(await h.Store.HasContactAsync(request.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Closing_deletes_the_contact_keeps_a_minimal_record_and_is_audited()
    {
        var person = await _h.OpenAsync("c-close");
        var request = await person.LeaveContactAsync("090-1234-5678");
        var sato = await _h.CounsellorAsync("sato");
        await _h.Desk.ClaimAsync(request.Id, sato, CancellationToken.None);
        await _h.Desk.RevealAsync(request.Id, sato, CancellationToken.None);

        var closed = await _h.Desk.CloseAsync(request.Id, sato, "reached", CancellationToken.None);

        Assert.Equal(DeskOutcome.Ok, closed.Outcome);
        Assert.Equal("reached", closed.Value!.Outcome);
        Assert.Null(closed.Value.Kind);
        Assert.False(await _h.Store.HasContactAsync(request.Id, CancellationToken.None));
        Assert.Equal(string.Empty, (await _h.Store.GetAsync(request.Id, CancellationToken.None))!.Summary);
        Assert.Equal(DeskOutcome.NotOpen, (await _h.Desk.RevealAsync(request.Id, sato, CancellationToken.None)).Outcome);
        var audit = await _h.Core.Get<IAuditLog>().ReadAsync("c-close", 20, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "callback.revealed" && e.Actor == "counsellor:sato");
        Assert.Contains(audit, e => e.Action == "callback.closed" && e.Detail!.Contains("outcome=reached", StringComparison.Ordinal));
        Assert.DoesNotContain(audit, e => (e.Detail ?? string.Empty).Contains("5678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_holder_sees_the_contact_not_another_counsellor_nor_a_supervisor()
    {
        var person = await _h.OpenAsync("c-holder");
        var request = await person.LeaveContactAsync("090-1234-5678");
        var sato = await _h.CounsellorAsync("sato");
        var suzuki = await _h.CounsellorAsync("suzuki");
        var boss = await _h.CounsellorAsync("boss", CounsellorRole.Supervisor);

        Assert.Equal(DeskOutcome.NotOpen, (await _h.Desk.RevealAsync(request.Id, sato, CancellationToken.None)).Outcome);
        Assert.Equal(DeskOutcome.Ok, (await _h.Desk.ClaimAsync(request.Id, sato, CancellationToken.None)).Outcome);
        Assert.Equal(DeskOutcome.HeldByAnother, (await _h.Desk.ClaimAsync(request.Id, suzuki, CancellationToken.None)).Outcome);
        Assert.Equal(DeskOutcome.HeldByAnother, (await _h.Desk.RevealAsync(request.Id, suzuki, CancellationToken.None)).Outcome);
        Assert.Equal(DeskOutcome.Forbidden, (await _h.Desk.RevealAsync(request.Id, boss, CancellationToken.None)).Outcome);
        Assert.Equal(DeskOutcome.HeldByAnother, (await _h.Desk.CloseAsync(request.Id, suzuki, "reached", CancellationToken.None)).Outcome);

        var seenByBoss = Assert.Single(await _h.Desk.ListAsync(boss, CancellationToken.None));
        Assert.Equal("satoさん", seenByBoss.HeldBy);
        Assert.False(seenByBoss.HeldByYou);
        Assert.Equal("phone", seenByBoss.Kind);
    }
}
