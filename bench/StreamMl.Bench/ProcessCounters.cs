using System.Runtime.InteropServices;

namespace StreamMl.Bench;

/// <summary>Counters of this process that a measured span reads before and after itself.</summary>
public static class ProcessCounters
{
    /// <summary>
    /// The context switches of the process so far, voluntary and not, its ended threads included (getrusage); 0 where
    /// the call is not there (not Linux).
    /// </summary>
    public static long ContextSwitches()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        return GetResourceUsage(0 /* RUSAGE_SELF */, out var usage) == 0 ? usage.VoluntarySwitches + usage.InvoluntarySwitches : 0;
    }

    /// <summary>Collections of each generation so far, each counted in its own generation only (CollectionCount(0) counts all).</summary>
    public static int[] Collections() =>
        [GC.CollectionCount(0) - GC.CollectionCount(1), GC.CollectionCount(1) - GC.CollectionCount(2), GC.CollectionCount(2)];

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>Linux's struct rusage on a 64-bit machine: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResident, SharedMemory, UnsharedData, UnsharedStack, MinorFaults, MajorFaults, Swaps, BlockReads, BlockWrites,
            MessagesSent, MessagesReceived, Signals;
        public long VoluntarySwitches, InvoluntarySwitches;
    }
}
