using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace EvidenceMailWorker.Configuration;

// ConfigurationProvider.GetChildKeys scans every key of the provider for each section it is asked
// about, so binding, validating or even enumerating a province's campaign (1,500 units, some 20,000
// keys) took seconds per pass and every verb makes several. These providers answer from an index of
// parent path → child keys, built once per load; what they return is what the base class would.
internal sealed class ChildKeyIndex
{
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _seen = new(StringComparer.OrdinalIgnoreCase);

    public ChildKeyIndex(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var parent = "";
            var start = 0;
            while (true)
            {
                var colon = key.IndexOf(ConfigurationPath.KeyDelimiter, start, StringComparison.Ordinal);
                var segment = colon < 0 ? key[start..] : key[start..colon];
                if (!_children.TryGetValue(parent, out var list))
                {
                    _children[parent] = list = [];
                    _seen[parent] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                }
                if (_seen[parent].Add(segment))
                    list.Add(segment);
                if (colon < 0)
                    break;
                parent = key[..colon];
                start = colon + 1;
            }
        }
    }

    public IEnumerable<string> ChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
    {
        var own = _children.TryGetValue(parentPath ?? "", out var list) ? list : [];
        var all = new List<string>(earlierKeys);
        all.AddRange(own);
        all.Sort(ConfigurationKeyComparer.Instance);
        return all;
    }
}

internal sealed class IndexedMemoryProvider : ConfigurationProvider
{
    private readonly ChildKeyIndex _index;

    public IndexedMemoryProvider(IEnumerable<KeyValuePair<string, string?>> values)
    {
        foreach (var (key, value) in values)
            Data[key] = value;
        _index = new ChildKeyIndex(Data.Keys);
    }

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
        _index.ChildKeys(earlierKeys, parentPath);
}

internal sealed class IndexedMemorySource(IEnumerable<KeyValuePair<string, string?>> values) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new IndexedMemoryProvider(values);
}

internal sealed class IndexedJsonProvider(JsonConfigurationSource source) : JsonConfigurationProvider(source)
{
    private ChildKeyIndex _index = new([]);

    // Called at start and on every reload of the file.
    public override void Load(Stream stream)
    {
        base.Load(stream);
        _index = new ChildKeyIndex(Data.Keys);
    }

    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
        _index.ChildKeys(earlierKeys, parentPath);
}

internal sealed class IndexedJsonSource : JsonConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new IndexedJsonProvider(this);
    }
}
