using Microsoft.Bot.Schema;

namespace ChatBot.Core.Conversations;

/// <summary>One activity in a conversation's log, with its position (the Direct Line watermark).</summary>
public sealed record LoggedActivity(long Sequence, Activity Activity);
