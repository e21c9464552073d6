using ChatBot.Core.Counsellors;
using ChatBot.Core.Handoff;
using ChatBot.Core.Tests.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests.Counsellors;

/// <summary>One availability for the dialogs and the queue: inside the configured hours AND a counsellor signed in.</summary>
public sealed class CounsellorAvailabilityTests : IDisposable
{
    private readonly DialogsFolder _dialogs = new();

    public void Dispose() => _dialogs.Dispose();

    private const string WeekdaysNineToFive = "Mon-Fri 09:00-17:00";

    private readonly SignedIn _signedIn = new();

    [Theory]
    [InlineData("2026-12-06T03:00:00+09:00")]
    [InlineData("2027-01-01T12:00:00+09:00")]
    [InlineData("2026-12-01T10:00:00+09:00")]
    public async Task With_no_hours_configured_a_signed_in_counsellor_makes_the_service_available_at_any_time(string now)
    {
        using var services = Build(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), weekly: null);
        var availability = services.GetRequiredService<ICounsellorAvailability>();

        var nobody = await availability.CheckAsync(CancellationToken.None);
        _signedIn.Counsellors.Add(Counsellor("sato"));
        var someone = await availability.CheckAsync(CancellationToken.None);

        Assert.False(nobody.AvailableNow);
        Assert.True(nobody.InHours);
        Assert.Null(nobody.NextAvailableAt); // nobody can say when someone signs in: nothing is promised
        Assert.True(someone.AvailableNow);
        Assert.True(someone.Hours.IsAlways);
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00+09:00", true)]
    [InlineData("2026-12-01T17:00:00+09:00", false)]
    [InlineData("2026-12-01T08:00:00+00:00", false)]
    [InlineData("2026-12-01T01:00:00+00:00", true)]
    [InlineData("2026-12-05T10:00:00+09:00", false)]
    [InlineData("2027-01-11T10:00:00+09:00", false)]
    [InlineData("2026-12-30T10:00:00+09:00", false)]
    public async Task Configured_weekday_hours_in_Tokyo_except_holidays_bound_a_signed_in_counsellor(string now, bool available)
    {
        using var services = Build(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        _signedIn.Counsellors.Add(Counsellor("sato"));

        var result = await services.GetRequiredService<ICounsellorAvailability>().CheckAsync(CancellationToken.None);

        Assert.Equal(available, result.AvailableNow);
        Assert.Equal(available, result.InHours);
    }

    [Fact]
    public async Task Within_the_hours_with_nobody_signed_in_no_counsellor_is_available()
    {
        using var services = Build(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)));

        var result = await services.GetRequiredService<ICounsellorAvailability>().CheckAsync(CancellationToken.None);

        Assert.False(result.AvailableNow);
        Assert.True(result.InHours);
    }

    [Fact]
    public async Task Out_of_hours_says_when_counsellors_are_next_available()
    {
        using var services = Build(new DateTimeOffset(2026, 12, 29, 10, 0, 0, TimeSpan.FromHours(9)));
        _signedIn.Counsellors.Add(Counsellor("sato"));

        var result = await services.GetRequiredService<ICounsellorAvailability>().CheckAsync(CancellationToken.None);

        Assert.False(result.AvailableNow);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(9)), result.NextAvailableAt);
    }

    [Fact]
    public async Task Hours_and_extra_closed_days_come_from_configuration()
    {
        using var services = Build(
            new DateTimeOffset(2026, 12, 5, 10, 30, 0, TimeSpan.FromHours(9)),
            new Dictionary<string, string?>
            {
                ["Counsellors:OfficeHours:Weekly:0"] = "Mon-Fri 08:30-17:15",
                ["Counsellors:OfficeHours:Weekly:1"] = "Sat 10:00-12:00",
                ["Counsellors:OfficeHours:Holidays:0"] = "2026-12-12",
            });
        var availability = services.GetRequiredService<ICounsellorAvailability>();
        var clock = (FakeTimeProvider)services.GetRequiredService<TimeProvider>();
        _signedIn.Counsellors.Add(Counsellor("sato"));

        Assert.True((await availability.CheckAsync(CancellationToken.None)).AvailableNow);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 12, 10, 30, 0, TimeSpan.FromHours(9)));
        var closed = await availability.CheckAsync(CancellationToken.None);
        Assert.False(closed.AvailableNow);
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 8, 30, 0, TimeSpan.FromHours(9)), closed.NextAvailableAt);
    }

    [Fact]
    public async Task The_service_does_not_start_with_unreadable_office_hours()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddLogging().AddChatBotCore(_dialogs.Configuration(new Dictionary<string, string?>
            {
                ["Counsellors:OfficeHours:Weekly:0"] = "weekdays nine to five",
                ["Counsellors:OfficeHours:TimeZone"] = "Mars/Olympus",
            })))
            .Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Counsellors:OfficeHours:Weekly", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Mars/Olympus' is not a known time zone", error.Message, StringComparison.Ordinal);
    }

    private static Counsellor Counsellor(string name) => new(name, name, name, CounsellorRole.Counsellor, DateTimeOffset.UnixEpoch);

    /// <summary>Weekdays 9:00–17:00 unless <paramref name="weekly"/> says otherwise (null: nothing configured).</summary>
    private ServiceProvider Build(DateTimeOffset now, IDictionary<string, string?>? settings = null, string? weekly = WeekdaysNineToFive)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (weekly is not null && !all.ContainsKey("Counsellors:OfficeHours:Weekly:0"))
        {
            all["Counsellors:OfficeHours:Weekly:0"] = weekly;
        }

        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        services.AddChatBotCore(_dialogs.Configuration(all));
        services.Replace(ServiceDescriptor.Singleton<ICounsellorPresence>(_signedIn));
        return services.BuildServiceProvider();
    }

    /// <summary>Who is signed in and active (presence itself is tested with the console sessions).</summary>
    private sealed class SignedIn : ICounsellorPresence
    {
        public List<Counsellor> Counsellors { get; } = [];

        public Task<IReadOnlyList<Counsellor>> ActiveAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Counsellor>>([.. Counsellors]);
    }
}
