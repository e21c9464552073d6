using ChatBot.Core.Dialogs;
using ChatBot.Core.Resources;
using ChatBot.Core.Tests.Dialogs;
using ChatBot.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Resources;

/// <summary>The catalog in <c>dialogs/resources/</c>: searchable by municipality and by need, sample data clearly marked.</summary>
public sealed class ResourceCatalogTests : IDisposable
{
    private readonly DialogsFolder _dialogs = new();
    private readonly ServiceProvider _services;

    public ResourceCatalogTests()
    {
        _services = _dialogs.Services();
    }

    private ResourceCatalog Catalog => _services.GetRequiredService<IDialogContentProvider>().Current.Resources;

    public void Dispose()
    {
        _services.Dispose();
        _dialogs.Dispose();
    }

    [Theory]
    [InlineData("サンプル市", "sample-city")]
    [InlineData("さんぷるし", "sample-city")]
    [InlineData("Sample City", "sample-city")]
    [InlineData("ｻﾝﾌﾟﾙ町", "sample-town")]
    [InlineData("サンプル県のサンプル町に住んでいます", "sample-town")]
    [InlineData("sample-city", "sample-city")]
    public void An_area_is_found_however_it_is_written(string text, string id)
    {
        Assert.Equal(id, Catalog.FindArea(text)?.Id);
    }

    [Theory]
    [InlineData("大阪市")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_area_is_not_guessed(string? text)
    {
        Assert.Null(Catalog.FindArea(text));
    }

    [Fact]
    public void Searching_by_area_and_need_gives_local_windows_first_and_never_another_municipality()
    {
        var town = Catalog.FindArea("サンプル町");

        var found = Catalog.Search(town, ["family"], 10);

        Assert.Equal("sample-town-window", found[0].Id);
        Assert.DoesNotContain(found, e => e.Area == "sample-city");
        Assert.Contains(found, e => e.Area == "sample-pref");
        Assert.Contains(found, e => e.Id == "khj");
        Assert.All(found, e => Assert.Contains("family", e.Needs));
    }

    [Fact]
    public void Searching_by_need_only_looks_in_every_area()
    {
        var found = Catalog.Search(null, ["ibasho"], 10);

        Assert.Contains(found, e => e.Id == "sample-city-hidamari");
        Assert.Contains(found, e => e.Id == "voice-station");
    }

    [Fact]
    public void Triage_topics_map_to_needs()
    {
        Assert.Equal(["living"], Catalog.NeedsForTopics([Topic.Money]));
        Assert.Equal(["work", "carer"], Catalog.NeedsForTopics([Topic.Carer, Topic.Work]));
    }

    [Fact]
    public void Windows_open_at_night_are_the_night_line_only()
    {
        var holidays = _services.GetRequiredService<IDialogContentProvider>().Current.Holidays;

        var open = Catalog.OpenAt(new DateTime(2026, 12, 1, 22, 0, 0), holidays, area: null);

        Assert.Equal(["sample-pref-night-line"], open.Select(e => e.Id));
    }

    [Fact]
    public void Sample_data_is_marked_and_uses_no_real_phone_numbers()
    {
        var samples = Catalog.Entries.Where(e => e.Sample).ToList();

        Assert.NotEmpty(samples);
        Assert.All(samples, e => Assert.True(e.Phone is null || e.Phone.StartsWith("000-", StringComparison.Ordinal), $"{e.Id} has phone {e.Phone}"));
        Assert.All(samples, e => Assert.True(e.Web is null || e.Web.StartsWith("https://example.com/", StringComparison.Ordinal), $"{e.Id} has web {e.Web}"));
        Assert.All(Catalog.Areas.Where(a => a.Sample), a => Assert.Contains("サンプル", a.Name.For("ja"), StringComparison.Ordinal));
    }
}
