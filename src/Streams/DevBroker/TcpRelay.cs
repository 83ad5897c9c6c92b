using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace StreamMl.Streams.DevBroker;

/// <summary>
/// Loopback TCP relay from a fixed port to a mock broker's ephemeral native listener
/// (the mock cannot bind a chosen port itself).
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly Socket listener;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private Task acceptLoop = Task.CompletedTask;
    private int disposed;

    private TcpRelay(Socket listener, int port)
    {
        this.listener = listener;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Binds and listens on 127.0.0.1:<paramref name="port"/>; fails fast if the port is taken.</summary>
    public static TcpRelay Bind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // No ReuseAddress: on Linux .NET maps it to SO_REUSEPORT too, which would let a second
            // dev broker silently share the port.
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(128);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Dev broker cannot listen on 127.0.0.1:{port}: {e.Message}", e);
        }
        return new TcpRelay(socket, port);
    }

    public void Start(IPEndPoint target) => acceptLoop = Task.Run(() => AcceptLoopAsync(target, stop.Token));

    private async Task AcceptLoopAsync(IPEndPoint target, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = RelayAsync(client, target, ct);
        }
    }

    private async Task RelayAsync(Socket client, IPEndPoint target, CancellationToken ct)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open[client] = 0;
        open[upstream] = 0;
        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(target, ct).ConfigureAwait(false);
            await using var a = new NetworkStream(client, ownsSocket: false);
            await using var b = new NetworkStream(upstream, ownsSocket: false);
            var up = a.CopyToAsync(b, 81920, ct);
            var down = b.CopyToAsync(a, 81920, ct);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Connection failures end this relayed connection only; the client sees a disconnect.
        }
        finally
        {
            Close(client);
            Close(upstream);
        }
    }

    private void Close(Socket socket)
    {
        open.TryRemove(socket, out _);
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception)
        {
            // Already closed or never connected.
        }
        socket.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        stop.Cancel();
        listener.Dispose();
        foreach (var socket in open.Keys)
        {
            Close(socket);
        }
        try
        {
            acceptLoop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop only ends by cancellation.
        }
        stop.Dispose();
    }
}
