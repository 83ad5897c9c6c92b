using System.Net;
using System.Net.Sockets;

namespace StreamMl.Tests.Support;

/// <summary>Free loopback ports for nodes started by a test.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
