using StreamMl.Cluster.Commands;

namespace StreamMl.Cluster.Hosting;

/// <summary>
/// Secrets read from files, so that they appear neither on the command line (visible in <c>ps</c>) nor in the
/// environment: the database connection string and the admin token, e.g. from a mounted Kubernetes secret. The
/// file's whole content is the secret, without its trailing line break.
/// </summary>
public static class SecretFiles
{
    public static void Apply(NodeSettings settings)
    {
        if (settings.Persistence.ConnectionStringFile is { Length: > 0 } connectionFile)
        {
            if (!string.IsNullOrEmpty(settings.Persistence.ConnectionString))
                throw new UsageException("StreamMl:Persistence:ConnectionStringFile (--connection-string-file): give it or StreamMl:Persistence:ConnectionString (--connection-string), not both");
            settings.Persistence.ConnectionString = Read(connectionFile, "StreamMl:Persistence:ConnectionStringFile (--connection-string-file)");
        }
        if (settings.Admin.TokenFile is { Length: > 0 } tokenFile)
        {
            if (!string.IsNullOrEmpty(settings.Admin.Token))
                throw new UsageException("StreamMl:Admin:TokenFile (--admin-token-file): give it or StreamMl:Admin:Token, not both");
            settings.Admin.Token = Read(tokenFile, "StreamMl:Admin:TokenFile (--admin-token-file)");
        }
    }

    private static string Read(string path, string key)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{key}: cannot read '{path}': {e.Message}");
        }
        text = text.TrimEnd('\r', '\n');
        return text.Length > 0 ? text : throw new UsageException($"{key}: '{path}' is empty");
    }
}
