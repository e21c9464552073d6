using ChatBot.Core;
using ChatBot.Core.Retention;
using ChatBot.Web.Channels.BotFramework;
using ChatBot.Web.Channels.DirectLine;
using ChatBot.Web.Channels.Line;
using ChatBot.Web.Health;
using ChatBot.Web.WebChat;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddChatBotCore(builder.Configuration);
builder.Services.AddRetentionService();
builder.Services.AddChatBotHealthChecks();
builder.AddDirectLine();
builder.AddBotFrameworkChannel();
builder.AddLineChannel();
builder.Services.AddWebChatPage(builder.Configuration);

var app = builder.Build();

app.UseWebChatPage();
app.MapChatBotHealthChecks();
app.MapDirectLine();
app.MapBotFrameworkChannel();
app.MapLineChannel();

app.Run();

/// <summary>The web host's entry point (public so integration tests can start it on a real port).</summary>
public partial class Program;
