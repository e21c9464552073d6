using ChatBot.Core;
using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;
using ChatBot.Web.Channels.BotFramework;
using ChatBot.Web.Channels.DirectLine;
using ChatBot.Web.Console;
using ChatBot.Web.Channels.Line;
using ChatBot.Web.Health;
using ChatBot.Web.Hosting;
using ChatBot.Web.WebChat;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistentDataProtection();
builder.Services.AddChatBotCore(builder.Configuration);
builder.Services.AddRetentionService();
builder.Services.AddHandoffBackgroundServices();
builder.Services.AddChatBotHealthChecks();
builder.AddDirectLine();
builder.AddBotFrameworkChannel();
builder.AddLineChannel();
builder.Services.AddWebChatPage(builder.Configuration);
builder.AddCounsellorConsole();

var app = builder.Build();

app.UseWebChatPage();
app.MapChatBotHealthChecks();
app.MapDirectLine();
app.MapBotFrameworkChannel();
app.MapLineChannel();
app.MapCounsellorConsole();

app.Run();

/// <summary>The web host's entry point (public so integration tests can start it on a real port).</summary>
public partial class Program;
