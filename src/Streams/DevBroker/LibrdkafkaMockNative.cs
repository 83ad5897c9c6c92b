using System.Runtime.InteropServices;
using System.Text;

namespace StreamMl.Streams.DevBroker;

/// <summary>
/// Function pointers into the librdkafka instance that Confluent.Kafka itself loaded.
/// </summary>
/// <remarks>
/// Confluent.Kafka picks its native variant at load time (on glibc Linux it tries <c>librdkafka.so</c>,
/// which needs libsasl2, then <c>centos8-librdkafka.so</c>). A plain <c>[DllImport("librdkafka")]</c> here
/// could resolve to a different file, or fail outright, so this class lets Confluent.Kafka load first,
/// finds the file it mapped (via /proc/self/maps on Linux) and takes a handle on that same file;
/// dlopen of an already-loaded path returns the existing instance. Exports are bound with
/// <see cref="NativeLibrary.GetExport"/> into unmanaged function pointers, so no process-wide
/// DllImportResolver is installed.
/// </remarks>
internal static unsafe class LibrdkafkaMockNative
{
    private const int RdKafkaProducer = 0;
    private const int ErrStrSize = 512;

    private static readonly Lock Gate = new();
    private static bool bound;

    private static delegate* unmanaged[Cdecl]<int> versionFn;
    private static delegate* unmanaged[Cdecl]<nint> confNew;
    private static delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int> confSet;
    private static delegate* unmanaged[Cdecl]<nint, void> confDestroy;
    private static delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint> kafkaNew;
    private static delegate* unmanaged[Cdecl]<nint, void> kafkaDestroy;
    private static delegate* unmanaged[Cdecl]<nint, int, nint> mockClusterNew;
    private static delegate* unmanaged[Cdecl]<nint, void> mockClusterDestroy;
    private static delegate* unmanaged[Cdecl]<nint, byte*> mockClusterBootstraps;
    private static delegate* unmanaged[Cdecl]<nint, byte*, int, int, int> mockTopicCreate;
    private static delegate* unmanaged[Cdecl]<nint, int, byte*, int, void> mockBrokerSetHostPort;
    private static delegate* unmanaged[Cdecl]<nint, int, void> mockGroupInitialRebalanceDelayMs;
    private static delegate* unmanaged[Cdecl]<nint, int, void> mockSetGroupConsumerSessionTimeoutMs;
    private static delegate* unmanaged[Cdecl]<nint, int, void> mockSetGroupConsumerHeartbeatIntervalMs;
    private static delegate* unmanaged[Cdecl]<nint, short, nuint, int*, void> mockPushRequestErrorsArray;

    /// <summary>Full path of the librdkafka file bound to (null until <see cref="EnsureBound"/>).</summary>
    public static string? LibraryPath { get; private set; }

    /// <summary>The native library handle (the same instance Confluent.Kafka uses).</summary>
    public static nint LibraryHandle { get; private set; }

    public static void EnsureBound()
    {
        lock (Gate)
        {
            if (bound)
            {
                return;
            }

            // Let Confluent.Kafka choose and load its variant first (no-op if already loaded).
            Confluent.Kafka.Library.Load();
            var (handle, path) = OpenLoadedLibrary();

            versionFn = (delegate* unmanaged[Cdecl]<int>)Export(handle, "rd_kafka_version");
            var version = versionFn();
            if (version != Confluent.Kafka.Library.Version)
            {
                throw new InvalidOperationException(
                    $"librdkafka at '{path}' reports version 0x{version:x8}, but Confluent.Kafka loaded 0x{Confluent.Kafka.Library.Version:x8}.");
            }

            confNew = (delegate* unmanaged[Cdecl]<nint>)Export(handle, "rd_kafka_conf_new");
            confSet = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nuint, int>)Export(handle, "rd_kafka_conf_set");
            confDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(handle, "rd_kafka_conf_destroy");
            kafkaNew = (delegate* unmanaged[Cdecl]<int, nint, byte*, nuint, nint>)Export(handle, "rd_kafka_new");
            kafkaDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(handle, "rd_kafka_destroy");
            mockClusterNew = (delegate* unmanaged[Cdecl]<nint, int, nint>)Export(handle, "rd_kafka_mock_cluster_new");
            mockClusterDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export(handle, "rd_kafka_mock_cluster_destroy");
            mockClusterBootstraps = (delegate* unmanaged[Cdecl]<nint, byte*>)Export(handle, "rd_kafka_mock_cluster_bootstraps");
            mockTopicCreate = (delegate* unmanaged[Cdecl]<nint, byte*, int, int, int>)Export(handle, "rd_kafka_mock_topic_create");
            mockBrokerSetHostPort = (delegate* unmanaged[Cdecl]<nint, int, byte*, int, void>)Export(handle, "rd_kafka_mock_broker_set_host_port");
            mockGroupInitialRebalanceDelayMs = (delegate* unmanaged[Cdecl]<nint, int, void>)Export(handle, "rd_kafka_mock_group_initial_rebalance_delay_ms");
            mockSetGroupConsumerSessionTimeoutMs = (delegate* unmanaged[Cdecl]<nint, int, void>)Export(handle, "rd_kafka_mock_set_group_consumer_session_timeout_ms");
            mockSetGroupConsumerHeartbeatIntervalMs = (delegate* unmanaged[Cdecl]<nint, int, void>)Export(handle, "rd_kafka_mock_set_group_consumer_heartbeat_interval_ms");
            mockPushRequestErrorsArray = (delegate* unmanaged[Cdecl]<nint, short, nuint, int*, void>)Export(handle, "rd_kafka_mock_push_request_errors_array");

            LibraryHandle = handle;
            LibraryPath = path;
            bound = true;
        }
    }

    public static int Version()
    {
        EnsureBound();
        return versionFn();
    }

    /// <summary>Creates the producer-type rd_kafka_t that owns a mock cluster.</summary>
    public static nint NewOwnerHandle(IReadOnlyDictionary<string, string> config)
    {
        EnsureBound();
        var conf = confNew();
        if (conf == 0)
        {
            throw new InvalidOperationException("rd_kafka_conf_new returned NULL.");
        }

        var errstr = stackalloc byte[ErrStrSize];
        try
        {
            foreach (var (name, value) in config)
            {
                fixed (byte* n = Utf8(name))
                fixed (byte* v = Utf8(value))
                {
                    if (confSet(conf, n, v, errstr, ErrStrSize) != 0)
                    {
                        throw new InvalidOperationException($"rd_kafka_conf_set({name}={value}) failed: {Str(errstr)}");
                    }
                }
            }

            var rk = kafkaNew(RdKafkaProducer, conf, errstr, ErrStrSize);
            if (rk == 0)
            {
                throw new InvalidOperationException($"rd_kafka_new failed: {Str(errstr)}");
            }
            conf = 0; // owned by rk now
            return rk;
        }
        finally
        {
            if (conf != 0)
            {
                confDestroy(conf);
            }
        }
    }

    public static void DestroyHandle(nint rk) => kafkaDestroy(rk);

    public static nint MockClusterNew(nint rk, int brokerCount) => mockClusterNew(rk, brokerCount);

    public static void MockClusterDestroy(nint mcluster) => mockClusterDestroy(mcluster);

    public static string MockClusterBootstraps(nint mcluster) => Str(mockClusterBootstraps(mcluster));

    /// <returns>librdkafka error code, 0 on success.</returns>
    public static int MockTopicCreate(nint mcluster, string topic, int partitions, int replicationFactor)
    {
        fixed (byte* t = Utf8(topic))
        {
            return mockTopicCreate(mcluster, t, partitions, replicationFactor);
        }
    }

    /// <summary>Changes the host/port a broker advertises in metadata (does not move its listener).</summary>
    public static void MockBrokerSetHostPort(nint mcluster, int brokerId, string host, int port)
    {
        fixed (byte* h = Utf8(host))
        {
            mockBrokerSetHostPort(mcluster, brokerId, h, port);
        }
    }

    public static void MockGroupInitialRebalanceDelayMs(nint mcluster, int delayMs) =>
        mockGroupInitialRebalanceDelayMs(mcluster, delayMs);

    public static void MockSetGroupConsumerSessionTimeoutMs(nint mcluster, int timeoutMs) =>
        mockSetGroupConsumerSessionTimeoutMs(mcluster, timeoutMs);

    public static void MockSetGroupConsumerHeartbeatIntervalMs(nint mcluster, int intervalMs) =>
        mockSetGroupConsumerHeartbeatIntervalMs(mcluster, intervalMs);

    /// <summary>The next requests of kind <paramref name="apiKey"/>, on any broker, fail with these errors, in order.</summary>
    public static void MockPushRequestErrors(nint mcluster, short apiKey, ReadOnlySpan<int> errors)
    {
        fixed (int* e = errors)
        {
            mockPushRequestErrorsArray(mcluster, apiKey, (nuint)errors.Length, e);
        }
    }

    private static (nint Handle, string Path) OpenLoadedLibrary()
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var path in MappedLibrdkafkaFiles())
            {
                var handle = NativeLibrary.Load(path);
                if (NativeLibrary.TryGetExport(handle, "rd_kafka_mock_cluster_new", out _))
                {
                    return (handle, path);
                }
                NativeLibrary.Free(handle);
            }
        }

        // Elsewhere: resolve the way Confluent.Kafka's own [DllImport]s do, relative to its assembly.
        var assembly = typeof(Confluent.Kafka.Library).Assembly;
        foreach (var name in new[] { "librdkafka", "centos8-librdkafka.so", "alpine-librdkafka.so" })
        {
            if (NativeLibrary.TryLoad(name, assembly, null, out var handle)
                && NativeLibrary.TryGetExport(handle, "rd_kafka_mock_cluster_new", out _))
            {
                return (handle, name);
            }
        }

        throw new DllNotFoundException(
            "Could not find the librdkafka instance loaded by Confluent.Kafka (or it lacks the rd_kafka_mock_* API).");
    }

    /// <summary>Files named like librdkafka that are currently mapped into this process.</summary>
    private static List<string> MappedLibrdkafkaFiles()
    {
        var result = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/');
            if (slash < 0)
            {
                continue;
            }
            var path = line[slash..];
            var file = Path.GetFileName(path);
            if (file.Contains("librdkafka", StringComparison.Ordinal)
                && file.Contains(".so", StringComparison.Ordinal)
                && !result.Contains(path))
            {
                result.Add(path);
            }
        }
        return result;
    }

    private static nint Export(nint handle, string name) => NativeLibrary.GetExport(handle, name);

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private static string Str(byte* p) => p == null ? string.Empty : Marshal.PtrToStringUTF8((nint)p) ?? string.Empty;
}
