using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace ChatBot.Core.Conversations;

/// <summary>
/// Activities are Newtonsoft-shaped (<c>[JsonProperty]</c>, <c>JObject</c> channel data), so they are
/// serialised the way Bot Framework itself does: nulls left out, ISO-8601 UTC dates.
/// </summary>
public static class ActivityJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateFormatHandling = DateFormatHandling.IsoDateFormat,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        ReferenceLoopHandling = ReferenceLoopHandling.Serialize,
        MaxDepth = 64,
    };

    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

    public static Activity? Deserialize(string json) => JsonConvert.DeserializeObject<Activity>(json, Settings);
}
