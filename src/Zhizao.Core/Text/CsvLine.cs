using System.Text;

namespace Zhizao.Core.Text;

/// <summary>Splitting one CSV line (RFC 4180 quoting: a quoted field may hold the delimiter and doubled quotes).</summary>
public static class CsvLine
{
    /// <summary>The fields of <paramref name="line"/> separated by <paramref name="delimiter"/>, unquoted; null when a quote is left open.</summary>
    public static List<string>? Split(string line, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Contains('"', StringComparison.Ordinal))
            return [.. line.Split(delimiter)];
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        if (quoted)
            return null;
        fields.Add(field.ToString());
        return fields;
    }
}
