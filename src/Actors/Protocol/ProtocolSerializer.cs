using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace StreamMl.Actors.Protocol;

/// <summary>
/// The base of the protocols' serializers: JSON with an explicit, short manifest per type, listed by the protocol;
/// a type or manifest not on the list is refused. What is journaled must stay readable: a renamed manifest keeps its
/// old name as an alias.
/// </summary>
public abstract class ProtocolSerializer : SerializerWithStringManifest
{
    /// <summary>The JSON of every protocol, the journal and the admin endpoint's lineage: camelCase, infinities allowed.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string _protocol;
    private readonly Dictionary<Type, string> _manifests;
    private readonly Dictionary<string, Type> _types;

    /// <param name="manifests">Every type of the protocol with its manifest.</param>
    /// <param name="aliases">Old manifests still read, with the type they name now.</param>
    protected ProtocolSerializer(ExtendedActorSystem system, string protocol, IReadOnlyDictionary<Type, string> manifests,
        IReadOnlyDictionary<string, Type>? aliases = null) : base(system)
    {
        _protocol = protocol;
        _manifests = new Dictionary<Type, string>(manifests);
        _types = manifests.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal);
        foreach (var (alias, type) in aliases ?? new Dictionary<string, Type>()) _types.Add(alias, type);
    }

    /// <summary>Every type of the protocol.</summary>
    public IReadOnlyCollection<Type> Types => _manifests.Keys;

    public override string Manifest(object o) =>
        _manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not part of the {_protocol} protocol");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        _types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options)!
            : throw new System.Runtime.Serialization.SerializationException($"unknown {_protocol} protocol manifest '{manifest}'");
}
