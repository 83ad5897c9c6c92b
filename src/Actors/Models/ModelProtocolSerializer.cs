using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using StreamMl.Actors.Labels;
using StreamMl.Core.Registry;

namespace StreamMl.Actors.Models;

/// <summary>
/// Serializes the model lifecycle's messages (label join, registry, retraining) and the registry's journal events as JSON, with the type's
/// name as manifest. Journal events must stay readable forever: rename a type only with an alias here.
/// </summary>
public sealed class ModelProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4102;

    /// <summary>The JSON options of the journal, the wire and the admin endpoint's lineage: camelCase, infinities allowed.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly Dictionary<string, Type> ByManifest = typeof(IModelProtocol).Assembly.GetTypes()
        .Concat(typeof(IRegistryEvent).Assembly.GetTypes())
        .Where(t => t is { IsClass: true, IsAbstract: false }
            && (typeof(IModelProtocol).IsAssignableFrom(t) || typeof(IRegistryEvent).IsAssignableFrom(t) || typeof(ILabelProtocol).IsAssignableFrom(t)))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        ByManifest.ContainsKey(o.GetType().Name)
            ? o.GetType().Name
            : throw new ArgumentException($"{o.GetType()} is not part of the model protocol");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        ByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options)!
            : throw new System.Runtime.Serialization.SerializationException($"unknown model protocol manifest '{manifest}'");
}
