using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatBot.Core.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> on SQLite, with the ETag rules of the SDK's own storages:
/// an <see cref="IStoreItem"/> written with an ETag other than <c>*</c> must match the stored one or
/// the write throws <see cref="EtagConflictException"/>; <c>*</c> overwrites; items that are not
/// <see cref="IStoreItem"/> (the dictionaries <see cref="BotState"/> saves) are last-writer-wins.
/// Every write gets a fresh ETag, which reads hand back on <see cref="IStoreItem.ETag"/>.
/// </summary>
public sealed class SqliteStorage : IStorage
{
    public static readonly SqlSchema Schema = new(
        "bot-state",
        """
        CREATE TABLE IF NOT EXISTS bot_state (
            id TEXT PRIMARY KEY NOT NULL,
            etag TEXT NOT NULL,
            document TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """);

    // The same settings MemoryStorage uses (type names so typed items round-trip), with the SDK's
    // binder so only Bot Framework and application types can be materialised from the database.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,
        SerializationBinder = new AllowedTypesSerializationBinder(),
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    });

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteStorage(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return result;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT etag, document FROM bot_state WHERE id = $id";
            command.Parameters.AddWithValue("$id", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                continue;
            }

            var etag = reader.GetString(0);
            var document = JToken.Parse(reader.GetString(1));
            var item = document.ToObject<object>(Serializer);
            if (item is IStoreItem storeItem)
            {
                storeItem.ETag = etag;
            }

            if (item is not null)
            {
                result[key] = item;
            }
        }

        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        // IMMEDIATE: take the write lock up front so the ETag check and the write are one atomic step.
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(changes));
            var expected = value is IStoreItem storeItem ? storeItem.ETag : "*";
            if (expected != "*")
            {
                var current = await ReadEtagAsync(connection, transaction, key, cancellationToken);
                if (current is not null && !string.Equals(current, expected, StringComparison.Ordinal))
                {
                    throw new EtagConflictException(key);
                }
            }

            var document = JToken.FromObject(value, Serializer);
            if (document is JObject asObject)
            {
                // The ETag belongs to the row, not the document: a stale copy must never carry it back in.
                asObject.Remove("eTag");
                asObject.Remove("ETag");
            }

            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO bot_state (id, etag, document, updated_at) VALUES ($id, $etag, $document, $now)
                ON CONFLICT(id) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                """;
            upsert.Parameters.AddWithValue("$id", key);
            upsert.Parameters.AddWithValue("$etag", Guid.NewGuid().ToString("N"));
            upsert.Parameters.AddWithValue("$document", document.ToString(Formatting.None));
            upsert.Parameters.AddWithValue("$now", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        // IMMEDIATE: take the write lock up front so the ETag check and the write are one atomic step.
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var key in keys)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM bot_state WHERE id = $id";
            command.Parameters.AddWithValue("$id", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string?> ReadEtagAsync(SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT etag FROM bot_state WHERE id = $id";
        command.Parameters.AddWithValue("$id", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
