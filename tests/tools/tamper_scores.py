#!/usr/bin/env python3
"""Rewrites a bundle as a forger would: one unit's points in data/scores.json
changed, and every manifest, tag manifest and Payload-Oxum recomputed so
that the bag is still valid BagIt. `creditgen verify` must still fail it,
because the scores no longer follow from the bag's own content.

usage: tamper_scores.py IN.zip OUT.zip
"""
import hashlib
import re
import sys
import zipfile


def digest(kind, data):
    return hashlib.new(kind, data).hexdigest()


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(src) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    root = next(iter(entries)).split("/")[0] + "/"
    scores = entries[root + "data/scores.json"].decode("utf-8")
    # The first row's points of the first unit, one point more.
    m = re.compile(r'("points": )([0-9.]+)').search(scores, scores.index('"units"'))
    points = float(m.group(2)) + 1
    scores = scores[: m.start(2)] + ("%g" % points) + scores[m.end(2):]
    entries[root + "data/scores.json"] = scores.encode("utf-8")

    payload = sorted(n for n in entries if n.startswith(root + "data/"))
    def manifest(kind):
        return "".join("%s  %s\n" % (digest(kind, entries[n]), n[len(root):]) for n in payload).encode()
    entries[root + "manifest-sha256.txt"] = manifest("sha256")
    entries[root + "manifest-sha512.txt"] = manifest("sha512")
    if root + "tags/sm3sums.txt" in entries:
        entries[root + "tags/sm3sums.txt"] = manifest("sm3")
    oxum = "%d.%d" % (sum(len(entries[n]) for n in payload), len(payload))
    info = re.sub(r"Payload-Oxum: .*", "Payload-Oxum: " + oxum, entries[root + "bag-info.txt"].decode("utf-8"))
    entries[root + "bag-info.txt"] = info.encode("utf-8")
    tags = sorted(n for n in entries if not n.startswith(root + "data/") and not n.startswith(root + "tagmanifest-"))
    for kind in ("sha256", "sha512"):
        entries[root + "tagmanifest-%s.txt" % kind] = "".join(
            "%s  %s\n" % (digest(kind, entries[n]), n[len(root):]) for n in tags).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(entries):
            z.writestr(name, entries[name])


if __name__ == "__main__":
    main()
