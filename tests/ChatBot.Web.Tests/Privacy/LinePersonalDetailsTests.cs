using ChatBot.Web.Tests.Line;

namespace ChatBot.Web.Tests.Privacy;

/// <summary>
/// The issue-5 check on LINE: after a conversation full of personal details, neither the database files
/// (inbox, routes, transcript, state) nor the LINE user id in the clear can be found on disk; the redacted text can.
/// </summary>
public sealed class LinePersonalDetailsTests : IAsyncLifetime
{
    private LineTestHarness _line = null!;

    public async Task InitializeAsync() => _line = await LineTestHarness.StartAsync();

    public async Task DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Personal_details_typed_on_LINE_are_nowhere_in_the_database_files()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Follow(user));
        await _line.SettleAsync();
        foreach (var message in PersonalDetailsScript.Messages)
        {
            await _line.DeliverAsync(_line.Text(user, message));
            await _line.SettleAsync();
        }

        foreach (var placeholder in PersonalDetailsScript.Placeholders)
        {
            Assert.True(await DatabaseFiles.ContainAsync(_line.Server, placeholder), $"the database should hold the redacted text with {placeholder}");
        }

        foreach (var detail in PersonalDetailsScript.Details.Append(user))
        {
            Assert.False(await DatabaseFiles.ContainAsync(_line.Server, detail), $"the database files hold '{detail}'");
        }
    }
}
