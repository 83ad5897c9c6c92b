using System.Globalization;
using StreamMl.Core.Contracts;
using StreamMl.Streams.Replay;

namespace StreamMl.Cluster.Commands;

/// <summary>What <c>produce</c> shows while it runs and how it stops at a bad row.</summary>
internal static class ProduceConsole
{
    private static readonly TimeSpan PlainProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>Ends the replay at the first bad row instead of throwing, so what was sent is still summed up.</summary>
    internal sealed class StopOnError(IEnumerable<EventRecord> inner) : IEnumerable<EventRecord>
    {
        public CsvFormatException? Error { get; private set; }

        public IEnumerator<EventRecord> GetEnumerator()
        {
            using var e = inner.GetEnumerator();
            while (true)
            {
                try
                {
                    if (!e.MoveNext()) break;
                }
                catch (CsvFormatException error)
                {
                    Error = error;
                    break;
                }
                yield return e.Current;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The progress line on stderr: rewritten in place on a terminal, otherwise one line every few seconds.
    /// Warnings are written on their own lines without garbling it.
    /// </summary>
    internal sealed class ProgressConsole(bool interactive)
    {
        private readonly Lock _lock = new();
        private int _width;
        private TimeSpan _lastPlain = TimeSpan.Zero;

        public void Report(ProduceProgress p)
        {
            var text = Describe(p.Sent, p.Acknowledged, p.Failed, p.EventsPerSecond);
            lock (_lock)
            {
                if (interactive)
                {
                    Console.Error.Write("\r" + text.PadRight(_width));
                    _width = text.Length;
                }
                else if (TimeSpan.FromSeconds(p.ElapsedSeconds) - _lastPlain >= PlainProgressEvery)
                {
                    _lastPlain = TimeSpan.FromSeconds(p.ElapsedSeconds);
                    Console.Error.WriteLine(text);
                }
            }
        }

        public void Warn(string message)
        {
            lock (_lock)
            {
                if (interactive && _width > 0) Console.Error.Write("\r" + new string(' ', _width) + "\r");
                _width = 0;
                Console.Error.WriteLine($"streamml: {message}");
            }
        }

        public void Done(ProduceSummary s)
        {
            var text = Describe(s.Sent, s.Acknowledged, s.Failed, s.EventsPerSecond) + $" in {s.ElapsedSeconds:0.0} s";
            lock (_lock)
            {
                if (interactive) Console.Error.WriteLine("\r" + text.PadRight(_width));
                else Console.Error.WriteLine(text);
                _width = 0;
            }
        }

        private static string Describe(long sent, long acked, long failed, double rate) =>
            string.Create(CultureInfo.InvariantCulture, $"produce: sent {sent:N0}, acknowledged {acked:N0}, failed {failed:N0}, {rate:N0} events/s");
    }
}
