namespace ChatBot.Core.Bot;

/// <summary>What the bot keeps about one conversation between turns (Bot Framework conversation state).</summary>
public sealed class ConversationData
{
    public bool Greeted { get; set; }

    public string Locale { get; set; } = "ja";
}
