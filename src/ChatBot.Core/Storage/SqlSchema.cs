namespace ChatBot.Core.Storage;

/// <summary>
/// A piece of the database schema owned by one feature. Every feature registers its own tables;
/// <see cref="SqliteDatabase.EnsureSchemaAsync"/> applies them all, idempotently, at start-up.
/// </summary>
/// <param name="Name">The feature the tables belong to, for error messages.</param>
/// <param name="Sql">Idempotent DDL (<c>CREATE TABLE IF NOT EXISTS</c> and the like).</param>
public sealed record SqlSchema(string Name, string Sql);
