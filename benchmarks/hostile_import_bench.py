"""Hostile vCard files at the full sizes of issue 11 item 3: time and peak memory per case.

    uv run python benchmarks/hostile_import_bench.py [--cases emails phones ...] [--scale 1.0]

Each case builds its file, then imports it with ``netdesk import --json`` into an empty
database, in a process of its own: the figures are that process's (wall time of the import;
``ru_maxrss`` before the import, i.e. Python + NetDesk + the file, and after it). The account
is summarised (cards, imported, unreadable, warnings, or the error that refused the file).
"slowest card" is the longest any one card of the file takes to read on its own (decoding,
limits, parsing, mapping; no database), in the same process after the import.

Cases (the first four are the issue's; the others test the remaining limits):

* ``parameters``: one card whose EMAIL lines carry 100,000 parameters and a TYPE list of
  100,000 values (the issue: 13 min 58 s)
* ``emails``: one card with 100,000 EMAIL lines (63 s)
* ``phones``: one card with 100,000 TEL lines (100 s)
* ``bare-begin``: 1,000,000 lines of ``BEGIN:VCARD`` and nothing else (7 min 25 s, 444 MB)
* ``long-line``: a NOTE line of 50 MB
* ``huge-card``: a card with a 40 MB photo, then a normal card
* ``decode-bomb``: a 100-byte PNG that claims 100,000 x 100,000 pixels
* ``properties``: one card with 100,000 different properties
* ``tags``: one card with 100,000 tags
* ``many-cards``: 2,000 cards with 2,000 EMAIL lines each (100 MB)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = {
    "parameters": 100_000,
    "emails": 100_000,
    "phones": 100_000,
    "bare-begin": 1_000_000,
    "long-line": 50 * 1024 * 1024,
    "huge-card": 40 * 1024 * 1024,
    "decode-bomb": 100_000,
    "properties": 100_000,
    "tags": 100_000,
    "many-cards": 2_000,
}

BUILD = r"""
import base64, struct, zlib

def card(*lines):
    body = b"".join(line + b"\r\n" for line in lines)
    return b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + body + b"END:VCARD\r\n"

def png_header(width, height):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + body
            + struct.pack(">I", zlib.crc32(body)) + b"\x00" * 64)

def build(kind, n):
    if kind == "parameters":
        many = b"".join(b";X-P%d=v" % i for i in range(n))
        typelist = b",".join(b"t%d" % i for i in range(n))
        return card(b"FN:Params", b"EMAIL" + many + b":many@example.com",
                    b"EMAIL;TYPE=" + typelist + b":list@example.com", b"EMAIL:kept@example.com")
    if kind == "emails":
        return card(b"FN:Emails", *(b"EMAIL:u%d@example.com" % i for i in range(n)))
    if kind == "phones":
        return card(b"FN:Phones", *(b"TEL:+1 212 555 %04d" % (i % 10000) for i in range(n)))
    if kind == "bare-begin":
        return b"BEGIN:VCARD\r\n" * n
    if kind == "long-line":
        return card(b"FN:Long", b"NOTE:" + b"x" * n, b"EMAIL:long@example.com")
    if kind == "huge-card":
        photo = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * n)
        folded = b"\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
        return card(b"FN:Huge", b"PHOTO;ENCODING=b;TYPE=PNG:" + folded) + card(b"FN:Small")
    if kind == "decode-bomb":
        return card(b"FN:Bomb", b"PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(png_header(n, n)))
    if kind == "properties":
        return card(b"FN:Props", *(b"X-PROP-%d:value %d" % (i, i) for i in range(n)))
    if kind == "tags":
        return card(b"FN:Tags", *(b"CATEGORIES:" + b",".join(b"tag%d-%d" % (j, i)
                                                            for i in range(500))
                                  for j in range(n // 500)))
    if kind == "many-cards":
        return b"".join(card(b"FN:Card %d" % c, *(b"EMAIL:c%d-%d@example.com" % (c, i)
                                                   for i in range(2000)))
                        for c in range(n))
    raise ValueError(kind)
"""

CHILD = r"""
import io, json, resource, sys, time
from pathlib import Path

folder, kind, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
path = folder / f"{kind}.vcf"
data = build(kind, n)
size = len(data)
path.write_bytes(data)
del data
from netdesk import cli

def mb():
    # Peak RSS of this process in MB. VmHWM is this program's own high-water mark; ru_maxrss
    # also counts the parent's RSS at fork time (Linux carries it over exec), so a parent of
    # 500 MB would make every child look that big. ru_maxrss where /proc is missing.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

before = mb()
out, err = io.StringIO(), io.StringIO()
start = time.perf_counter()
code = cli.run(["--db", str(folder / "netdesk.db"), "import", str(path), "--json"], out, err)
seconds = time.perf_counter() - start
rss = mb()
# the slowest single card, read on its own (decode, limits, parse, map; no database)
from netdesk.vcard.decode import split_cards
from netdesk.vcard.reader import read_card
slowest = 0.0
try:
    chunks = split_cards(path.read_bytes())
except Exception:
    chunks = []
for chunk in chunks:
    t = time.perf_counter()
    read_card(chunk, str(path))
    slowest = max(slowest, time.perf_counter() - t)
print(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "bytes": size,
                  "seconds": seconds, "rss_before_mb": before, "rss_mb": rss,
                  "slowest_card": slowest}))
"""


def run(kind: str, n: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="netdesk-hostile-") as tmp:
        env = {**os.environ, "NETDESK_HOME": str(Path(tmp) / "home")}
        proc = subprocess.run(
            [sys.executable, "-c", BUILD + CHILD, tmp, kind, str(n)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    if proc.returncode != 0:
        return {"kind": kind, "failed": proc.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(proc.stdout.splitlines()[-1])
    result["kind"] = kind
    return result


def summary(result: dict[str, object]) -> str:
    if "failed" in result:
        return f"process failed: {result['failed']}"
    if result["code"] != 0:
        return f"refused: {str(result['err']).strip()}"
    data = json.loads(str(result["out"]))
    reasons = sorted({w["reason"].split(" (")[-1].rstrip(")") for w in data["warnings"]})
    return (
        f"{data['cards']:,} cards, {data['imported']:,} imported, "
        f"{len(data['unreadable']):,} unreadable"
        + (f" ({data['unreadable'][0]['reason']})" if data["unreadable"] else "")
        + f", {len(data['warnings']):,} warnings"
        + (f": {'; '.join(reasons[:3])}" if reasons else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    args = parser.parse_args()
    print(
        f"{'case':<12} {'file':>9} {'import':>9} {'slowest card':>12} {'RSS before':>11} "
        f"{'RSS after':>10}  account"
    )
    for kind in args.cases:
        n = max(1, int(SIZES[kind] * args.scale))
        r = run(kind, n)
        if "failed" in r:
            print(f"{kind:<12} {summary(r)}")
            continue
        size = int(str(r["bytes"])) / 1e6
        print(
            f"{kind:<12} {size:>7.1f}MB {float(str(r['seconds'])):>8.2f}s "
            f"{float(str(r['slowest_card'])):>11.3f}s "
            f"{r['rss_before_mb']!s:>8} MB {r['rss_mb']!s:>7} MB  {summary(r)}",
            flush=True,
        )


if __name__ == "__main__":
    main()
