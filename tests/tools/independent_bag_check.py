#!/usr/bin/env python3
"""Checks a creditgen evidence bundle without creditgen's code: Python's
zipfile and hashlib recompute every manifest line and Payload-Oxum, and the
central directory's flags are read from the raw bytes.

usage: independent_bag_check.py BUNDLE.zip   (exit 0 = valid, 1 = problems listed)
"""
import hashlib
import struct
import sys
import zipfile


def central_directory_flags(path):
    """(name bytes, general purpose flags) of every central directory entry."""
    data = open(path, "rb").read()
    eocd = data.rfind(b"PK\x05\x06")
    if eocd < 0:
        raise ValueError("no end of central directory")
    count, size, offset = struct.unpack("<HII", data[eocd + 10:eocd + 20])
    if offset == 0xFFFFFFFF or count == 0xFFFF:  # ZIP64: read its locator
        loc = data.rfind(b"PK\x06\x07")
        z64 = struct.unpack("<Q", data[loc + 8:loc + 16])[0]
        count, size, offset = struct.unpack("<QQQ", data[z64 + 32:z64 + 56])
    out, pos = [], offset
    for _ in range(count):
        if data[pos:pos + 4] != b"PK\x01\x02":
            raise ValueError("bad central directory entry")
        flags = struct.unpack("<H", data[pos + 8:pos + 10])[0]
        n, m, k = struct.unpack("<HHH", data[pos + 28:pos + 34])
        out.append((data[pos + 46:pos + 46 + n], flags))
        pos += 46 + n + m + k
    return out


def main(path):
    problems = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if len(names) != len(set(names)):
            problems.append("duplicate entry names")
        if names != sorted(names, key=lambda s: s.encode("utf-8")):
            problems.append("entries not in byte order of their names")
        roots = {n.split("/", 1)[0] for n in names}
        if len(roots) != 1:
            problems.append("more than one top-level folder: %r" % roots)
        root = roots.pop() + "/"
        bad = z.testzip()
        if bad:
            problems.append("CRC error in " + bad)
        if z.read(root + "bagit.txt") != b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n":
            problems.append("bagit.txt differs")
        payload = {n[len(root):]: z.read(n) for n in names if n.startswith(root + "data/")}
        for algo in ("sha256", "sha512"):
            listed = {}
            for line in z.read(root + "manifest-%s.txt" % algo).decode("utf-8").splitlines():
                digest, name = line.split("  ", 1)
                listed[name] = digest
            if set(listed) != set(payload):
                problems.append("manifest-%s lists %d files, payload has %d" % (algo, len(listed), len(payload)))
            for name, digest in listed.items():
                if name in payload and hashlib.new(algo, payload[name]).hexdigest() != digest:
                    problems.append("%s mismatch: %s" % (algo, name))
            for line in z.read(root + "tagmanifest-%s.txt" % algo).decode("utf-8").splitlines():
                digest, name = line.split("  ", 1)
                if hashlib.new(algo, z.read(root + name)).hexdigest() != digest:
                    problems.append("tag %s mismatch: %s" % (algo, name))
        info = z.read(root + "bag-info.txt").decode("utf-8")
        oxum = [l.split(": ", 1)[1] for l in info.splitlines() if l.startswith("Payload-Oxum: ")]
        expected = "%d.%d" % (sum(len(b) for b in payload.values()), len(payload))
        if oxum != [expected]:
            problems.append("Payload-Oxum %r, recomputed %s" % (oxum, expected))
    for name, flags in central_directory_flags(path):
        utf8_flag = bool(flags & 0x800)
        non_ascii = any(b > 0x7F for b in name)
        if utf8_flag != non_ascii:
            problems.append("bit 11 is %s on %r" % ("set" if utf8_flag else "clear", name.decode("utf-8", "replace")))
    for p in problems:
        print("problem:", p)
    print("independent check:", "ok" if not problems else "%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
