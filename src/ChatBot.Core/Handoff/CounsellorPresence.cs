using ChatBot.Core.Counsellors;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Handoff;

/// <summary>
/// Who is signed in and active right now: a counsellor with a live console session whose console is
/// connected, or who made an API call within <see cref="HandoffOptions.ActivityWindow"/>.
/// This is presence only; the hours are <see cref="OfficeHoursOptions"/> (<c>Counsellors:OfficeHours</c>), and the
/// two combine in <see cref="HandoffAvailability"/> and <see cref="OnDutyAvailability"/> (available = inside the
/// hours AND someone present).
/// </summary>
public interface ICounsellorPresence
{
    Task<IReadOnlyList<Counsellor>> ActiveAsync(CancellationToken cancellationToken);
}

internal sealed class CounsellorPresence(ICounsellorDirectory directory, IOptions<HandoffOptions> options) : ICounsellorPresence
{
    public Task<IReadOnlyList<Counsellor>> ActiveAsync(CancellationToken cancellationToken) =>
        directory.ActiveAsync(options.Value.ActivityWindow, cancellationToken);
}

/// <summary>Whether a person asking now can expect a counsellor soon.</summary>
public sealed record Availability(bool InHours, int ActiveCounsellors, int BusyCounsellors)
{
    public bool Available => InHours && ActiveCounsellors > 0;
}

/// <summary>Availability (hours AND presence) and the honest wait estimate a person is given.</summary>
internal sealed class HandoffAvailability(ICounsellorPresence presence, OfficeHoursAvailability hours, IOptions<HandoffOptions> options)
{
    /// <summary>For a conversation of <paramref name="team"/> (null: any): only counsellors serving it count.</summary>
    public async Task<Availability> GetAsync(IReadOnlyCollection<HandoffEntry> active, string? team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(active);
        var inHours = (await hours.CheckAsync(cancellationToken)).AvailableNow;
        var present = (await presence.ActiveAsync(cancellationToken)).Where(c => c.Serves(team)).ToList();
        var busy = active.Where(e => e.ClaimedBy is not null).Select(e => e.ClaimedBy!).Distinct(StringComparer.Ordinal)
            .Count(id => present.Any(c => c.Id == id));
        return new Availability(inHours, present.Count, busy);
    }

    /// <summary>
    /// Minutes until a counsellor is likely free for the person at <paramref name="position"/> (1 = next):
    /// 0 when a present counsellor is free for them, null when nobody is available. Each present counsellor
    /// is assumed to finish one conversation every <see cref="HandoffOptions.MinutesPerConversation"/> minutes.
    /// </summary>
    public int? EstimateMinutes(Availability availability, int position)
    {
        ArgumentNullException.ThrowIfNull(availability);
        if (!availability.Available)
        {
            return null;
        }

        var free = Math.Max(0, availability.ActiveCounsellors - availability.BusyCounsellors);
        if (position <= free)
        {
            return 0;
        }

        var rounds = (int)Math.Ceiling((position - free) / (double)availability.ActiveCounsellors);
        return rounds * options.Value.MinutesPerConversation;
    }

    /// <summary>The estimate in words, from the texts: 数分 / 約N分 / 相談員がいる時間まで.</summary>
    public static string Describe(HandoffTextSet texts, int? minutes)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return minutes switch
        {
            null => texts.Estimate.Nobody,
            <= 5 => texts.Estimate.Soon,
            _ => HandoffTexts.Fill(texts.Estimate.Minutes, ("minutes", minutes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        };
    }
}

/// <summary>
/// The dialogs' availability (「いまは相談員がいない時間」, <c>counsellors: available</c>) with the handoff in place:
/// inside the office hours AND a counsellor signed in and active. Within the hours with nobody signed in, nobody
/// knows when one will be: the next time is left unknown rather than promised.
/// </summary>
internal sealed class OnDutyAvailability(OfficeHoursAvailability hours, ICounsellorPresence presence) : ICounsellorAvailability
{
    public ValueTask<CounsellorAvailability> CheckAsync(CancellationToken cancellationToken) => CheckAsync(team: null, cancellationToken);

    public async ValueTask<CounsellorAvailability> CheckAsync(string? team, CancellationToken cancellationToken)
    {
        var scheduled = await hours.CheckAsync(cancellationToken);
        if (!scheduled.AvailableNow)
        {
            return scheduled;
        }

        var present = await presence.ActiveAsync(cancellationToken);
        return present.Any(c => c.Serves(team)) ? scheduled : scheduled with { AvailableNow = false, NextAvailableAt = null };
    }
}
