using Npgsql;
using NpgsqlTypes;

namespace Zhizao.Storage.Postgres;

/// <summary>Positional (<c>$1</c>, <c>$2</c>, …) parameters, added in order, with explicit types where a value may be null.</summary>
internal static class NpgsqlCommandExtensions
{
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return command;
    }

    public static NpgsqlCommand WithText(this NpgsqlCommand command, string? value) => command.WithNullable(value, NpgsqlDbType.Text);

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string value) => command.WithNullable(value, NpgsqlDbType.Jsonb);

    public static NpgsqlCommand WithBigint(this NpgsqlCommand command, long? value) => command.WithNullable(value, NpgsqlDbType.Bigint);

    /// <summary>A timestamptz: Npgsql accepts only UTC offsets for it, so the value is converted first.</summary>
    public static NpgsqlCommand WithTime(this NpgsqlCommand command, DateTimeOffset? value) =>
        command.WithNullable(value?.ToUniversalTime(), NpgsqlDbType.TimestampTz);

    private static NpgsqlCommand WithNullable(this NpgsqlCommand command, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
        return command;
    }

    public static DateTimeOffset? GetNullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
