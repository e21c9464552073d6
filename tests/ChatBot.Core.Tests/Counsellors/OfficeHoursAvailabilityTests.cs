using ChatBot.Core.Counsellors;
using ChatBot.Core.Tests.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests.Counsellors;

public sealed class OfficeHoursAvailabilityTests : IDisposable
{
    private readonly DialogsFolder _dialogs = new();

    public void Dispose() => _dialogs.Dispose();

    [Theory]
    [InlineData("2026-12-01T10:00:00+09:00", true)]
    [InlineData("2026-12-01T17:00:00+09:00", false)]
    [InlineData("2026-12-01T08:00:00+00:00", false)]
    [InlineData("2026-12-01T01:00:00+00:00", true)]
    [InlineData("2026-12-05T10:00:00+09:00", false)]
    [InlineData("2027-01-11T10:00:00+09:00", false)]
    [InlineData("2026-12-30T10:00:00+09:00", false)]
    public async Task Weekdays_nine_to_five_in_Tokyo_except_holidays_by_default(string now, bool available)
    {
        using var services = Build(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var result = await services.GetRequiredService<ICounsellorAvailability>().CheckAsync(CancellationToken.None);

        Assert.Equal(available, result.AvailableNow);
    }

    [Fact]
    public async Task Out_of_hours_says_when_counsellors_are_next_available()
    {
        using var services = Build(new DateTimeOffset(2026, 12, 29, 10, 0, 0, TimeSpan.FromHours(9)));

        var result = await services.GetRequiredService<ICounsellorAvailability>().CheckAsync(CancellationToken.None);

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

    private ServiceProvider Build(DateTimeOffset now, IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        services.AddChatBotCore(_dialogs.Configuration(settings));
        return services.BuildServiceProvider();
    }
}
