using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Hosting;
using Xunit;

namespace StreamMl.Tests.Hosting;

/// <summary>The connection string and the admin token can come from files (mounted secrets) instead of the command line.</summary>
public sealed class SecretFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streamml-secrets-").FullName;

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void The_files_content_without_its_line_break_is_the_secret()
    {
        var settings = new NodeSettings();
        settings.Persistence.ConnectionStringFile = Write("pg", "Host=db;Password=s3cr3t;Database=streamml\n");
        settings.Admin.TokenFile = Write("token", "t0ken\r\n");

        SecretFiles.Apply(settings);

        Assert.Equal("Host=db;Password=s3cr3t;Database=streamml", settings.Persistence.ConnectionString);
        Assert.Equal("t0ken", settings.Admin.Token);
    }

    [Fact]
    public void A_missing_or_empty_file_or_both_forms_at_once_is_a_usage_error_naming_the_key()
    {
        var missing = new NodeSettings();
        missing.Admin.TokenFile = Path.Combine(_directory, "absent");
        var empty = new NodeSettings();
        empty.Persistence.ConnectionStringFile = Write("empty", "\n");
        var both = new NodeSettings();
        both.Persistence.ConnectionString = "Host=db";
        both.Persistence.ConnectionStringFile = Write("pg", "Host=db");

        Assert.StartsWith("StreamMl:Admin:TokenFile (--admin-token-file): cannot read", Assert.Throws<UsageException>(() => SecretFiles.Apply(missing)).Message);
        Assert.Contains("is empty", Assert.Throws<UsageException>(() => SecretFiles.Apply(empty)).Message);
        Assert.Contains("not both", Assert.Throws<UsageException>(() => SecretFiles.Apply(both)).Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
