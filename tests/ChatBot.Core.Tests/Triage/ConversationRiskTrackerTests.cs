using ChatBot.Core.Triage;

namespace ChatBot.Core.Tests.Triage;

public sealed class ConversationRiskTrackerTests
{
    private static readonly DateTimeOffset Night = new(2026, 11, 18, 3, 0, 0, TimeSpan.FromHours(9));
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public void A_crisis_raises_the_conversation_at_once()
    {
        var update = ConversationRiskTracker.Update(null, RiskLevel.Crisis, Night, Day);
        Assert.Equal(RiskLevel.Crisis, update.Current.Level);
        Assert.True(update.Raised);
    }

    [Fact]
    public void A_normal_message_after_a_crisis_does_not_lower_it_within_the_hold()
    {
        var crisis = ConversationRiskTracker.Update(null, RiskLevel.Crisis, Night, Day).Current;
        var later = ConversationRiskTracker.Update(crisis, RiskLevel.Normal, Night.AddHours(9), Day);
        Assert.Equal(RiskLevel.Crisis, later.Current.Level);
        Assert.Equal(Night, later.Current.Since);
        Assert.False(later.Lowered);
    }

    [Fact]
    public void The_hold_restarts_with_each_message_at_the_same_level()
    {
        var high = ConversationRiskTracker.Update(null, RiskLevel.High, Night, Day).Current;
        var again = ConversationRiskTracker.Update(high, RiskLevel.High, Night.AddHours(20), Day).Current;
        var next = ConversationRiskTracker.Update(again, RiskLevel.Normal, Night.AddHours(30), Day);
        Assert.Equal(RiskLevel.High, next.Current.Level);
    }

    [Fact]
    public void After_the_hold_the_level_comes_down_and_says_so()
    {
        var crisis = ConversationRiskTracker.Update(null, RiskLevel.Crisis, Night, Day).Current;
        var update = ConversationRiskTracker.Update(crisis, RiskLevel.High, Night.AddHours(25), Day);
        Assert.Equal(RiskLevel.High, update.Current.Level);
        Assert.True(update.Lowered);
        Assert.False(update.Raised);
    }

    [Fact]
    public void A_higher_message_raises_a_held_level()
    {
        var high = ConversationRiskTracker.Update(null, RiskLevel.High, Night, Day).Current;
        var update = ConversationRiskTracker.Update(high, RiskLevel.Crisis, Night.AddMinutes(5), Day);
        Assert.Equal(RiskLevel.Crisis, update.Current.Level);
        Assert.True(update.Raised);
    }

    [Fact]
    public void Normal_conversations_stay_normal_without_updates()
    {
        var update = ConversationRiskTracker.Update(ConversationRisk.None, RiskLevel.Normal, Night, Day);
        Assert.Same(ConversationRisk.None, update.Current);
        Assert.False(update.Raised || update.Lowered);
    }
}
