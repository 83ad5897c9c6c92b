using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using StreamMl.Core.Operations;

namespace StreamMl.Actors.Operations;

/// <summary>Source-generated JSON for the slice figures replicated to every node.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SliceFigures))]
internal sealed partial class SliceFiguresJsonContext : JsonSerializerContext;

/// <summary>Serializes <see cref="SliceFigures"/>, the values of the replicated slice-figures maps.</summary>
public sealed class SliceFiguresSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4120;
    private const string FiguresManifest = "SF";

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        o is SliceFigures ? FiguresManifest : throw new ArgumentException($"{o.GetType()} is not slice figures");

    public override byte[] ToBinary(object obj) =>
        JsonSerializer.SerializeToUtf8Bytes((SliceFigures)obj, SliceFiguresJsonContext.Default.SliceFigures);

    public override object FromBinary(byte[] bytes, string manifest) =>
        manifest == FiguresManifest
            ? JsonSerializer.Deserialize(bytes, SliceFiguresJsonContext.Default.SliceFigures)!
            : throw new System.Runtime.Serialization.SerializationException($"unknown slice figures manifest '{manifest}'");
}
