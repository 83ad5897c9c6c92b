"""Independent reference for TrainingSnapshotTests: the canonical bytes of a
fixed set of examples (layout in src/Core/Training/CanonicalExampleEncoding.cs)
and their SHA-256.  Run: python3 tests/StreamMl.Tests/Training/snapshot_reference.py
"""
import hashlib
import math
import struct
from datetime import datetime, timedelta, timezone

PREFIX = b"streamml.training-snapshot.v1\n"
CANONICAL_NAN = 0x7FF8000000000000
EPOCH = datetime(1, 1, 1, tzinfo=timezone.utc)


def i16(v): return struct.pack("<h", v)
def i32(v): return struct.pack("<i", v)
def i64(v): return struct.pack("<q", v)


def double(v):
    if math.isnan(v):
        return struct.pack("<Q", CANONICAL_NAN)
    return struct.pack("<d", v)


def string(s):
    if s is None:
        return i32(-1)
    b = s.encode("utf-8")
    return i32(len(b)) + b


def strings(values):
    return i32(len(values)) + b"".join(string(v) for v in values)


def time(t):
    if t is None:
        return b"\x00"
    delta = t - EPOCH
    ticks = (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10
    offset = int(t.utcoffset().total_seconds() // 60)
    return b"\x01" + i64(ticks) + i16(offset)


def label(v):
    return b"\x00" if v is None else b"\x01" + double(v)


def example(sequence, id, t, numeric, categorical, derived, lab, slices):
    return (i64(sequence) + string(id) + time(t)
            + i32(len(numeric)) + b"".join(double(v) for v in numeric)
            + strings(categorical) + strings(derived) + label(lab) + strings(slices))


EXAMPLES = [
    example(1, "e-1", datetime(2024, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=2))),
            [0.5, float("nan"), -0.0], ["mon", None], ["x"], 1.0, ["*", "day=mon"]),
    example(2, "\u00fc-2", None,
            [1e-300, -2.25, float("inf")], [None, ""], [None], 0.0, ["*"]),
    example(5, "e-5", datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
            [], [], [], 2.5, []),
]

print(hashlib.sha256(PREFIX + b"".join(EXAMPLES)).hexdigest())
print(hashlib.sha256(PREFIX).hexdigest())
