using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Cluster.Commands;

/// <summary>
/// The <c>explain</c> verb: explains one event's prediction offline, with a model artifact (zip and manifest) or an
/// online model's saved state, and prints the explanation as JSON: the prediction, the base value and each feature's
/// contribution, largest first.
/// </summary>
public static class ExplainCommand
{
    /// <summary>The name a saved online state is explained under: its hash, as it has no manifest.</summary>
    public const string StatePrefix = "state-";

    public static Command Create()
    {
        var spec = new Option<FileInfo>("--spec") { Description = "Pipeline spec file: the event contract the event and the model follow.", Required = true };
        var model = new Option<FileInfo>("--model") { Description = "A model artifact (zip, with <zip>.manifest.json beside it) or an online model's saved state.", Required = true };
        var @event = new Option<string>("--event") { Description = "The event, as JSON in the event contract: {\"id\":…,\"features\":{…}}.", Required = true };
        var command = new Command("explain", "Explain one event's prediction: the base value and each feature's contribution.") { spec, model, @event };
        command.SetAction((result, _) => CommandRunner.Run(() =>
        {
            var explanation = Explain(Existing(result.GetValue(spec)!, "--spec"), Existing(result.GetValue(model)!, "--model"), result.GetValue(@event)!);
            Console.WriteLine(JsonSerializer.Serialize(explanation, ExplanationJsonContext.Default.Explanation));
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Decodes the event against the spec, loads the model (artifact or online state) and explains its prediction.</summary>
    /// <exception cref="UsageException">The event does not decode (the decoder's reason, naming --event).</exception>
    /// <exception cref="CommandFailedException">The model cannot be loaded or explained.</exception>
    public static Explanation Explain(string specPath, string modelPath, string eventJson)
    {
        var compiled = new CompiledSpec(SpecLoader.Load(specPath));
        var decoded = new EventDecoder(compiled).Decode(Encoding.UTF8.GetBytes(eventJson));
        var e = decoded.Event ?? throw new UsageException($"--event: {decoded.Rejection}");
        try
        {
            var bytes = File.ReadAllBytes(modelPath);
            if (bytes.AsSpan().StartsWith("SMOL"u8))
            {
                var online = OnlineModel.Load(bytes, LearnerSchema.FromSpec(compiled));
                return OnlineExplainer.Explain(online, e, StatePrefix + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
            }
            var (artifact, manifest) = ModelArtifact.LoadFromFile(modelPath, compiled);
            return ServingExplanations.Explain(artifact.Model, e, manifest.Version);
        }
        catch (Exception x) when (x is LearnerStateException or ExplanationException)
        {
            throw new CommandFailedException($"{modelPath}: {x.Message}", x);
        }
    }

    private static string Existing(FileInfo file, string option) =>
        file.Exists ? file.FullName : throw new UsageException($"{option}: file '{file.FullName}' does not exist");
}
