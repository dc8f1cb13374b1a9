using System.Net;
using System.Net.Sockets;

namespace Zhizao.Server.Tests.Infrastructure;

internal static class Network
{
    /// <summary>A TCP port nobody listens on right now (bound and released on 127.0.0.1).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
