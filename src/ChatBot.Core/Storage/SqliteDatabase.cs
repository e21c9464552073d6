using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Storage;

/// <summary>
/// Opens connections to the embedded SQLite database with the settings every store relies on:
/// WAL journaling (readers never block the writer), a busy timeout instead of instant
/// "database is locked" errors, foreign keys, and <c>secure_delete</c> so deleted text is
/// overwritten in the file rather than left readable in free pages.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly IEnumerable<SqlSchema> _schemas;
    private int _initialised;

    public SqliteDatabase(IOptions<DatabaseOptions> options, IEnumerable<SqlSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource)
            && !builder.DataSource.StartsWith(':'))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        _connectionString = builder.ToString();
        _schemas = schemas;
        DataSource = builder.DataSource;
    }

    /// <summary>The database file (for diagnostics and tests; never logged with personal data).</summary>
    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            if (Interlocked.CompareExchange(ref _initialised, 1, 0) == 0)
            {
                await ApplySchemasAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates every feature's tables. Safe to call more than once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ApplySchemasAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Runs one or more statements in a single immediate transaction and returns how many rows they
    /// changed: the shape of every erasure and purge the features' stores do.
    /// </summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var count = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Moves everything from the write-ahead log into the database file and truncates the log, so text
    /// that was just deleted (and overwritten in place by <c>secure_delete</c>) does not linger in old
    /// WAL frames. Readers holding old snapshots can delay it; it is retried briefly.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0)
            {
                return;
            }

            await Task.Delay(50 * (attempt + 1), cancellationToken);
        }
    }

    private async Task ApplySchemasAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        foreach (var schema in _schemas)
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = schema.Sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex)
            {
                Interlocked.Exchange(ref _initialised, 0);
                throw new InvalidOperationException($"The database schema for '{schema.Name}' could not be applied: {ex.Message}", ex);
            }
        }
    }
}
