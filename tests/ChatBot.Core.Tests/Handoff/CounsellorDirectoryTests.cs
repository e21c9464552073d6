using ChatBot.Core.Handoff;

namespace ChatBot.Core.Tests.Handoff;

public sealed class CounsellorDirectoryTests : IAsyncLifetime
{
    private CoreServices _core = null!;

    public async Task InitializeAsync() => _core = await CoreServices.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private ICounsellorDirectory Directory => _core.Get<ICounsellorDirectory>();

    [Fact]
    public async Task Passwords_are_stored_hashed_and_verified()
    {
        await Directory.CreateAsync("tanaka", "田中", CounsellorRole.Supervisor, "a long enough password", CancellationToken.None);

        var ok = await Directory.VerifyPasswordAsync("TANAKA", "a long enough password", CancellationToken.None);
        var wrong = await Directory.VerifyPasswordAsync("tanaka", "a long enough passwore", CancellationToken.None);

        Assert.True(ok.Succeeded);
        Assert.True(ok.Counsellor!.IsSupervisor);
        Assert.False(wrong.Succeeded);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain("a long enough password", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(_core.Database.FilePath)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes()
    {
        await Directory.CreateAsync("tanaka", "田中", CounsellorRole.Counsellor, "a long enough password", CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await Directory.VerifyPasswordAsync("tanaka", "guess " + i, CancellationToken.None);
        }

        var whileLocked = await Directory.VerifyPasswordAsync("tanaka", "a long enough password", CancellationToken.None);
        _core.Clock.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        var afterwards = await Directory.VerifyPasswordAsync("tanaka", "a long enough password", CancellationToken.None);

        Assert.False(whileLocked.Succeeded);
        Assert.True(whileLocked.LockedOut);
        Assert.True(afterwards.Succeeded);
    }

    [Fact]
    public async Task Sessions_end_after_thirty_idle_minutes_or_eight_hours_and_on_sign_out()
    {
        var counsellor = await Directory.CreateAsync("tanaka", "田中", CounsellorRole.Counsellor, "a long enough password", CancellationToken.None);
        var idle = await Directory.StartSessionAsync(counsellor, CancellationToken.None);
        var busy = await Directory.StartSessionAsync(counsellor, CancellationToken.None);
        var signedOut = await Directory.StartSessionAsync(counsellor, CancellationToken.None);
        await Directory.EndSessionAsync(signedOut.Id, CancellationToken.None);

        for (var i = 0; i < 19; i++)
        {
            _core.Clock.Advance(TimeSpan.FromMinutes(25));
            Assert.NotNull(await Directory.ValidateSessionAsync(busy.Id, CancellationToken.None));
        }

        _core.Clock.Advance(TimeSpan.FromMinutes(10)); // 8 h 5 min after sign-in, 10 min after the last request

        Assert.Null(await Directory.ValidateSessionAsync(idle.Id, CancellationToken.None));
        Assert.Null(await Directory.ValidateSessionAsync(busy.Id, CancellationToken.None));
        Assert.Null(await Directory.ValidateSessionAsync(signedOut.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_counsellor_is_present_while_connected_or_recently_active()
    {
        var counsellor = await Directory.CreateAsync("tanaka", "田中", CounsellorRole.Counsellor, "a long enough password", CancellationToken.None);
        var presence = _core.Get<ICounsellorPresence>();
        var session = await Directory.StartSessionAsync(counsellor, CancellationToken.None);

        var justSignedIn = await presence.ActiveAsync(CancellationToken.None);
        _core.Clock.Advance(TimeSpan.FromMinutes(6));
        var quiet = await presence.ActiveAsync(CancellationToken.None);
        await Directory.ConnectionChangedAsync(session.Id, +1, CancellationToken.None);
        _core.Clock.Advance(TimeSpan.FromMinutes(10));
        var connected = await presence.ActiveAsync(CancellationToken.None);

        Assert.Single(justSignedIn);
        Assert.Empty(quiet);
        Assert.Single(connected);
    }

    [Theory]
    [InlineData("a", "田中", "long enough password")]
    [InlineData("tanaka", "", "long enough password")]
    [InlineData("tanaka", "田中", "short")]
    [InlineData("tana ka", "田中", "long enough password")]
    public async Task Bad_account_details_are_refused(string username, string displayName, string password)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Directory.CreateAsync(username, displayName, CounsellorRole.Counsellor, password, CancellationToken.None));
    }

    [Fact]
    public async Task A_username_is_taken_once()
    {
        await Directory.CreateAsync("tanaka", "田中", CounsellorRole.Counsellor, "a long enough password", CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => Directory.CreateAsync("Tanaka", "別の田中", CounsellorRole.Counsellor, "a long enough password", CancellationToken.None));
    }
}
