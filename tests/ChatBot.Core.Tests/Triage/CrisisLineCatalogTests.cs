using ChatBot.Core.Content;
using ChatBot.Core.Triage;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests.Triage;

public sealed class CrisisLineCatalogTests
{
    private static readonly CrisisLineCatalog Catalog =
        CrisisLineCatalog.LoadFile(Path.Combine(RepoPaths.Dialogs, "crisis-lines.yaml"), "dialogs/crisis-lines.yaml");

    /// <summary>A clock set to a Tokyo wall-clock time, as the bot would read it from its TimeProvider.</summary>
    private static FakeTimeProvider Tokyo(int year, int month, int day, int hour, int minute = 0) =>
        new(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(9)));

    private static IReadOnlyList<string> OpenIds(FakeTimeProvider clock) => [.. Catalog.OpenAt(clock.GetUtcNow()).Select(l => l.Id)];

    [Fact]
    public void Inochi_no_denwa_free_dial_is_closed_at_three_in_the_afternoon()
    {
        Assert.DoesNotContain("inochi-free-dial", OpenIds(Tokyo(2026, 11, 18, 15)));
    }

    [Fact]
    public void Inochi_no_denwa_free_dial_is_open_at_five_in_the_afternoon()
    {
        Assert.Contains("inochi-free-dial", OpenIds(Tokyo(2026, 11, 18, 17)));
    }

    [Fact]
    public void Inochi_no_denwa_free_dial_runs_from_eight_on_the_tenth_to_eight_the_next_morning()
    {
        Assert.Contains("inochi-free-dial", OpenIds(Tokyo(2026, 11, 10, 8)));
        Assert.Contains("inochi-free-dial", OpenIds(Tokyo(2026, 11, 10, 23)));
        Assert.Contains("inochi-free-dial", OpenIds(Tokyo(2026, 11, 11, 3)));
        Assert.DoesNotContain("inochi-free-dial", OpenIds(Tokyo(2026, 11, 11, 8)));
        // Before 08:00 on the 10th the 24-hour day has not begun (DOMAIN.md: "the 10th of each month 8:00 to 8:00 next day").
        Assert.DoesNotContain("inochi-free-dial", OpenIds(Tokyo(2026, 11, 10, 3)));
    }

    [Fact]
    public void Inochi_no_denwa_navi_dial_is_closed_at_eleven_at_night()
    {
        Assert.Contains("inochi-navi-dial", OpenIds(Tokyo(2026, 11, 18, 21)));
        Assert.DoesNotContain("inochi-navi-dial", OpenIds(Tokyo(2026, 11, 18, 23)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(23)]
    public void Yorisoi_and_110_119_are_open_at_any_hour(int hour)
    {
        var open = OpenIds(Tokyo(2026, 11, 18, hour));
        Assert.Contains("yorisoi", open);
        Assert.Equal(["police", "ambulance-fire"], open.Take(2));
    }

    [Fact]
    public void Lines_are_ordered_110_119_first_then_24_hour_lines_then_the_others()
    {
        var open = Catalog.OpenAt(Tokyo(2026, 11, 18, 17).GetUtcNow());
        Assert.True(open[0].Always && open[1].Always);
        var firstScheduled = open.ToList().FindIndex(l => l.Id is "inochi-free-dial" or "inochi-navi-dial" or "childline");
        Assert.True(firstScheduled > open.ToList().FindIndex(l => l.Id == "yorisoi"));
        Assert.All(open.Skip(firstScheduled), l => Assert.DoesNotContain(l.Id, new[] { "yorisoi", "child-sos", "dv-plus" }));
    }

    [Fact]
    public void Lines_open_around_the_clock_are_marked_so_and_only_110_119_are_shown_always()
    {
        // What the out-of-hours flow's 「24時間ひらいている相談先」 lists: a line open 24 hours is not a line shown always.
        var open = Catalog.OpenAt(Tokyo(2026, 11, 18, 3).GetUtcNow());
        Assert.Equal(["police", "ambulance-fire"], open.Where(l => l.Always).Select(l => l.Id));
        Assert.Contains(open, l => l.Id == "yorisoi" && l.AroundTheClock && !l.Always);
        Assert.DoesNotContain(open, l => l.Id == "inochi-free-dial" && l.AroundTheClock);
    }

    [Fact]
    public void Lines_with_hours_set_elsewhere_are_never_claimed_open()
    {
        Assert.Contains(Catalog.All, l => l.Id == "kokoro-unified");
        for (var hour = 0; hour < 24; hour++)
        {
            Assert.DoesNotContain("kokoro-unified", OpenIds(Tokyo(2026, 11, 18, hour)));
        }
    }

    [Fact]
    public void Every_line_has_a_name_and_hours_in_japanese_and_english_and_a_number_or_an_address()
    {
        Assert.All(Catalog.All, line =>
        {
            Assert.False(string.IsNullOrWhiteSpace(line.Name["ja"]));
            Assert.False(string.IsNullOrWhiteSpace(line.Name["en"]));
            Assert.False(string.IsNullOrWhiteSpace(line.Hours["ja"]));
            Assert.False(string.IsNullOrWhiteSpace(line.Hours["en"]));
            Assert.True(line.Phone is not null || line.Url is not null);
        });
        Assert.Equal("0120-783-556", Catalog.All.Single(l => l.Id == "inochi-free-dial").Phone);
        Assert.Equal("0570-064-556", Catalog.All.Single(l => l.Id == "kokoro-unified").Phone);
    }

    [Theory]
    [InlineData("lines:\n  - id: x\n", "time_zone")]
    [InlineData("time_zone: Asia/Tokyo\nlines:\n  - id: x\n    name: { ja: X, en: X }\n    phone: \"110\"\n    hours: { open: 24h, text: { ja: a, en: a } }\n    certainty: sure\n    last_checked: 2026-11\n", "'source'")]
    [InlineData("time_zone: Asia/Tokyo\nlines:\n  - id: x\n    name: { ja: X, en: X }\n    phone: call-me\n    hours: { open: 24h, text: { ja: a, en: a } }\n    certainty: sure\n    source: s\n    last_checked: 2026-11\n", "not a phone number")]
    [InlineData("time_zone: Asia/Tokyo\nlines:\n  - id: x\n    name: { ja: X, en: X }\n    phone: \"110\"\n    always: true\n    hours: { open: varies, text: { ja: a, en: a } }\n    certainty: sure\n    source: s\n    last_checked: 2026-11\n", "must be open 24h")]
    [InlineData("time_zone: Asia/Tokyo\nlines:\n  - id: x\n    name: { ja: X, en: X }\n    phone: \"110\"\n    hours: { open: schedule, text: { ja: a, en: a }, weekly: [ { days: [someday], from: \"10:00\", to: \"12:00\" } ] }\n    certainty: sure\n    source: s\n    last_checked: 2026-11\n", "not a day")]
    public void A_broken_catalog_is_refused_with_the_file_and_the_problem(string yaml, string problem)
    {
        var error = Assert.Throws<ContentFileException>(() => CrisisLineCatalog.Load("dialogs/crisis-lines.yaml", yaml));
        Assert.Equal("dialogs/crisis-lines.yaml", error.File);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
