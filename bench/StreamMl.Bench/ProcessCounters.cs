using System.Runtime.InteropServices;

namespace StreamMl.Bench;

/// <summary>Counters of this process that a measured span reads before and after itself.</summary>
public static class ProcessCounters
{
    /// <summary>
    /// The process's resource usage so far, its ended threads included (getrusage); zeros where the call is not there
    /// (not Linux).
    /// </summary>
    public static Usage Read()
    {
        if (!OperatingSystem.IsLinux() || GetResourceUsage(0 /* RUSAGE_SELF */, out var usage) != 0) return default;
        return new Usage(usage.VoluntarySwitches + usage.InvoluntarySwitches, usage.MinorFaults,
            TimeSpan.FromSeconds(usage.SystemSeconds) + TimeSpan.FromMicroseconds(usage.SystemMicroseconds));
    }

    /// <summary>Collections of each generation so far, each counted in its own generation only (CollectionCount(0) counts all).</summary>
    public static int[] Collections() =>
        [GC.CollectionCount(0) - GC.CollectionCount(1), GC.CollectionCount(1) - GC.CollectionCount(2), GC.CollectionCount(2)];

    /// <summary>Context switches (voluntary and not), minor page faults, and CPU time spent in the kernel.</summary>
    public readonly record struct Usage(long ContextSwitches, long MinorFaults, TimeSpan KernelTime)
    {
        public static Usage operator -(Usage after, Usage before) =>
            new(after.ContextSwitches - before.ContextSwitches, after.MinorFaults - before.MinorFaults, after.KernelTime - before.KernelTime);
    }

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
