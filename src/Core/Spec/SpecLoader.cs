using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StreamMl.Core.Spec;

/// <summary>Raised when a spec file cannot be read or breaks a rule; the message names the offending field.</summary>
public sealed class SpecException(string message) : Exception(message);

/// <summary>Reads, checks and hashes pipeline spec files.</summary>
public static class SpecLoader
{
    // Source-generated deserialisation sets every init-only property missing from the JSON to default,
    // losing the defaults the spec records declare (dotnet/runtime#84484); reading by reflection keeps them.
    private static readonly JsonSerializerOptions ReadOptions = new(SpecJsonContext.Default.Options)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static PipelineSpec Load(string path)
    {
        if (!File.Exists(path)) throw new SpecException($"spec file '{path}' does not exist");
        return Parse(File.ReadAllText(path), path);
    }

    public static PipelineSpec Parse(string json, string source = "spec")
    {
        PipelineSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<PipelineSpec>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new SpecException($"{source}: {e.Message}");
        }
        if (spec is null) throw new SpecException($"{source}: the spec is empty");
        var errors = SpecRules.Check(spec);
        if (errors.Count > 0) throw new SpecException($"{source}: " + string.Join("; ", errors));
        return spec;
    }

    /// <summary>SHA-256 (hex) of the spec's canonical JSON form: the same spec always gives the same hash.</summary>
    public static string Hash(PipelineSpec spec)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(spec, SpecJsonContext.Default.PipelineSpec);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }
}
