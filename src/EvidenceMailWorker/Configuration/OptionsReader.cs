using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// The standard binder stops at the first value it cannot convert, with an exception that names
// a colon path. An admin needs every bad value at once, with its JSON path, and a warning for a
// misspelled key (which the binder silently ignores). So the section's shape is checked against
// the options type first, and the binder then only sees values it can convert.
public static class OptionsReader
{
    public static T Read<T>(IConfiguration config, string section, ICollection<ConfigProblem> problems)
        where T : class, new()
    {
        var root = config.GetSection(section);
        var rejected = new List<string>();
        Check(root, typeof(T), section, problems, rejected);

        var accepted = root.AsEnumerable()
            .Where(kv => kv.Value is not null && !rejected.Any(r => IsAtOrUnder(kv.Key, r)));
        var clean = new ConfigurationBuilder().Add(new IndexedMemorySource(accepted)).Build();
        try
        {
            return clean.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // Only reachable if the checks below accept something the binder does not.
            problems.Add(new ConfigProblem(section, ex.Message));
            return new T();
        }
    }

    private static void Check(
        IConfigurationSection s, Type type, string path,
        ICollection<ConfigProblem> problems, List<string> rejected)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var children = s.GetChildren().ToList();

        if (IsScalar(type))
        {
            if (children.Count > 0)
            {
                problems.Add(new(path, "expected a single value, found a list or an object"));
                rejected.Add(s.Path);
            }
            else if (string.IsNullOrEmpty(s.Value) && type != typeof(string))
            {
                // "" keeps the default; semantic validation says so if the default is not enough.
                rejected.Add(s.Path);
            }
            else if (s.Value is not null && ConversionError(s.Value, type) is { } error)
            {
                problems.Add(new(path, error));
                rejected.Add(s.Path);
            }
            return;
        }

        if (ListElementType(type) is { } element)
        {
            if (children.Count == 0 && !string.IsNullOrEmpty(s.Value))
            {
                problems.Add(new(path, $"expected a list [ ... ], found '{s.Value}'"));
                rejected.Add(s.Path);
                return;
            }
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add(new(path, "expected a list [ ... ], found an object { ... }"));
                    rejected.Add(s.Path);
                    return;
                }
                Check(child, element, $"{path}[{child.Key}]", problems, rejected);
            }
            return;
        }

        if (children.Count == 0 && !string.IsNullOrEmpty(s.Value))
        {
            problems.Add(new(path, $"expected an object {{ ... }}, found '{s.Value}'"));
            rejected.Add(s.Path);
            return;
        }
        var properties = BindableProperties(type);
        foreach (var child in children)
        {
            var property = properties.FirstOrDefault(
                p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
                problems.Add(new($"{path}.{child.Key}", UnknownKeyMessage(child.Key, properties)));
            else
                Check(child, property.PropertyType, $"{path}.{property.Name}", problems, rejected);
        }
    }

    private static bool IsScalar(Type t) =>
        t == typeof(string) || t.IsPrimitive || t.IsEnum || t == typeof(decimal) ||
        t == typeof(TimeSpan) || t == typeof(DateTimeOffset);

    private static Type? ListElementType(Type t) =>
        t.IsArray ? t.GetElementType()
        : t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0]
        : null;

    private static List<PropertyInfo> BindableProperties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } ||
                        (p.GetMethod is not null && !IsScalar(p.PropertyType)))
            .ToList();

    private static string? ConversionError(string value, Type t)
    {
        var inv = CultureInfo.InvariantCulture;
        if (t == typeof(string)) return null;
        if (t.IsEnum)
        {
            var names = Enum.GetNames(t);
            return names.Any(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase))
                ? null
                : $"'{value}' is not one of {string.Join(", ", names.Select(n => $"'{n}'"))}";
        }
        if (t == typeof(bool))
            return bool.TryParse(value, out _) ? null : $"'{value}' is not true or false";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short))
            return long.TryParse(value, NumberStyles.AllowLeadingSign, inv, out var n) && FitsIn(n, t)
                ? null : $"'{value}' is not a whole number";
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
            return double.TryParse(value, NumberStyles.Float, inv, out var d) && double.IsFinite(d)
                ? null : $"'{value}' is not a number (use a dot for decimals)";
        if (t == typeof(TimeSpan))
            return TimeSpan.TryParse(value, inv, out _) ? null : $"'{value}' is not a duration (hh:mm:ss)";
        return null;
    }

    private static bool FitsIn(long n, Type t) =>
        t == typeof(long) || (t == typeof(int) ? n is >= int.MinValue and <= int.MaxValue
                                               : n is >= short.MinValue and <= short.MaxValue);

    private static string UnknownKeyMessage(string key, List<PropertyInfo> properties)
    {
        var closest = properties
            .Select(p => (p.Name, Distance: EditDistance(key.ToLowerInvariant(), p.Name.ToLowerInvariant())))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return closest.Name is not null && closest.Distance <= 2
            ? $"unknown key '{key}'; did you mean '{closest.Name}'?"
            : $"unknown key '{key}'; known keys here: {string.Join(", ", properties.Select(p => p.Name))}";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static bool IsAtOrUnder(string key, string rejectedPath) =>
        key.Equals(rejectedPath, StringComparison.OrdinalIgnoreCase) ||
        key.StartsWith(rejectedPath + ":", StringComparison.OrdinalIgnoreCase);
}
