using ChatBot.Cli;
using ChatBot.Core.Handoff;
using ChatBot.Core.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Cli;

public sealed class CounsellorCommandTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Counsellor_add_creates_an_account_in_the_configured_database_with_the_password_from_stdin()
    {
        var (code, output, _) = await RunAsync("the password from stdin\n", "add", "--username", "sato", "--display-name", "佐藤", "--role", "supervisor", "--password-stdin");

        Assert.Equal(0, code);
        Assert.Contains("sato", output, StringComparison.Ordinal);
        await using var services = await BuildAsync();
        var result = await services.GetRequiredService<ICounsellorDirectory>().VerifyPasswordAsync("sato", "the password from stdin", CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal("佐藤", result.Counsellor!.DisplayName);
        Assert.True(result.Counsellor.IsSupervisor);
    }

    [Fact]
    public async Task Teams_name_the_municipalities_a_counsellor_serves()
    {
        var (code, output, _) = await RunAsync("the password from stdin\n", "add", "--username", "town1", "--display-name", "町の相談員", "--team", "sample-town", "--team", "sample-pref", "--password-stdin");

        Assert.Equal(0, code);
        Assert.Contains("serving sample-pref, sample-town", output, StringComparison.Ordinal);
        await using var services = await BuildAsync();
        var counsellor = await services.GetRequiredService<ICounsellorDirectory>().FindByUsernameAsync("town1", CancellationToken.None);
        Assert.Equal(["sample-pref", "sample-town"], counsellor!.Teams);
        Assert.True(counsellor.Serves("sample-town"));
        Assert.False(counsellor.Serves("sample-city"));
        Assert.True(counsellor.Serves(null));
    }

    [Theory]
    [InlineData("a long enough password\n", "add", "--username", "sato", "--display-name", "佐藤", "--team", "atlantis", "--password-stdin")]
    [InlineData("x\n", "add", "--username", "sato", "--display-name", "佐藤", "--password-stdin")]
    [InlineData("a long enough password\n", "add", "--username", "sato", "--password-stdin")]
    [InlineData("a long enough password\n", "add", "--username", "sato", "--display-name", "佐藤", "--role", "admin", "--password-stdin")]
    [InlineData("a long enough password\n", "remove", "--username", "sato")]
    [InlineData("", "add", "--username", "sato", "--display-name", "佐藤", "--password-stdin")]
    public async Task Bad_arguments_or_a_weak_password_create_nothing(string stdin, params string[] args)
    {
        var (code, _, error) = await RunAsync(stdin, args);

        Assert.NotEqual(0, code);
        Assert.NotEmpty(error);
        await using var services = await BuildAsync();
        Assert.Null(await services.GetRequiredService<ICounsellorDirectory>().FindByUsernameAsync("sato", CancellationToken.None));
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await new CounsellorCommand().RunAsync(new CliContext(args, new StringReader(stdin), output, error, Configuration()), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private Task<ServiceProvider> BuildAsync() => CliServices.BuildAsync(Configuration(), CancellationToken.None);

    private IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatBot"] = $"Data Source={_database.FilePath}",
            ["Content:DialogsPath"] = RepoPaths.Dialogs,
        })
        .Build();
}
