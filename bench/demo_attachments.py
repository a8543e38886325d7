#!/usr/bin/env python3
"""Writes the demo district's attachments (photos and PDFs) under content/.

The demo content (content/<YYYY-MM>/<unit>/…) references attachments as
`files/<name>.png` or `files/<name>.pdf` from its Markdown items and list
files. This script finds every such reference and writes a small, valid file
for it: a 640×400 text-free PNG "photo" (coloured bands, a banner, figures)
or a one-page PDF with an ASCII title. Content depends only on the file's
path below content/ (or on the path it deliberately duplicates, see
DUPLICATES), so runs are deterministic and idempotent: a file is rewritten
only when its bytes would change. Python 3 standard library only.

    python3 bench/demo_attachments.py [--content DIR] [--check]

--check writes nothing; exit 1 when a file is missing or stale, or when a file
under files/ is referenced by nothing (an orphan).
"""

import argparse
import hashlib
import os
import re
import struct
import sys
import zlib

# Photos that are byte-identical copies of earlier photos: the demo's
# falsification case (a campaign re-using an earlier campaign's photos).
DUPLICATES = {
    "2022-05/wangsheren/files/诚信进村居-1.png": "2022-04/wangsheren/files/诚信宣传进村居-1.png",
    "2022-05/wangsheren/files/诚信进村居-2.png": "2022-04/wangsheren/files/诚信宣传进村居-2.png",
}

REF = re.compile(r"files/[^\s,\[\]()\"'#<>]+?\.(?:png|pdf)", re.IGNORECASE)
MONTH = re.compile(r"^\d{4}-\d{2}$")
W, H = 640, 400


def _rng(seed):
    """Deterministic byte stream from a seed string."""
    counter = 0
    while True:
        block = hashlib.sha256(f"{seed}#{counter}".encode("utf-8")).digest()
        for b in block:
            yield b
        counter += 1


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_bytes(seed):
    """A simple outdoor or meeting-room scene, no text."""
    r = _rng(seed)
    pick = lambda lo, hi: lo + next(r) % (hi - lo + 1)
    indoor = next(r) % 2 == 0
    if indoor:
        top = (pick(200, 235), pick(200, 230), pick(185, 215))     # wall
        bottom = (pick(120, 160), pick(90, 120), pick(60, 90))     # floor / tables
    else:
        top = (pick(110, 170), pick(170, 210), pick(220, 250))     # sky
        bottom = (pick(90, 140), pick(120, 170), pick(70, 110))    # ground
    horizon = pick(230, 280)
    banner = (pick(180, 220), pick(20, 50), pick(20, 50))          # red banner
    stripe = (pick(235, 255), pick(215, 240), pick(120, 170))      # its (unreadable) lettering
    bx0, bx1 = pick(60, 140), pick(500, 580)
    by0 = pick(40, 80)
    by1 = by0 + pick(50, 70)
    people = []
    for _ in range(pick(4, 9)):
        x = pick(20, 600)
        h = pick(60, 110)
        col = (pick(20, 90), pick(30, 90), pick(60, 140))
        people.append((x, x + pick(14, 24), horizon + pick(10, 80), h, col))
    board = None
    if indoor:
        board = (pick(180, 260), pick(380, 460), by1 + 30, by1 + 130)
    rows = []
    for y in range(H):
        if y < horizon:
            k = y / horizon
            base = tuple(int(c * (1 - 0.15 * k)) for c in top)
        else:
            k = (y - horizon) / (H - horizon)
            base = tuple(int(c * (1 - 0.25 * k)) for c in bottom)
        line = bytearray(bytes(base) * W)

        def fill(x0, x1, col):
            x0, x1 = max(0, x0), min(W, x1)
            if x1 > x0:
                line[3 * x0:3 * x1] = bytes(col) * (x1 - x0)

        if by0 <= y < by1:
            fill(bx0, bx1, banner)
            if by0 + 15 <= y < by1 - 15:
                x = bx0 + 20
                while x + 18 < bx1 - 20:
                    fill(x, x + 18, stripe)
                    x += 26
        if board and board[2] <= y < board[3]:
            fill(board[0], board[1], (245, 245, 240))
        for x0, x1, foot, h, col in people:
            head = foot - h
            if head <= y < head + 16:
                fill(x0 + 2, x1 - 2, (230, 190, 160))
            elif head + 16 <= y < foot:
                fill(x0, x1, col)
        rows.append(b"\x00" + bytes(line))
    raw = b"".join(rows)
    ihdr = struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) +
            _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))


def pdf_bytes(seed):
    """One A4 page with a few ASCII lines; a correct xref table."""
    month, unit = (seed.split("/") + ["", ""])[:2]
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:12]
    lines = [
        ("F2", 18, "Licheng District Credit Monitoring - Evidence"),
        ("F1", 12, f"Unit: {unit}"),
        ("F1", 12, f"Month: {month}"),
        ("F1", 12, f"Document: {digest}"),
        ("F1", 10, "Demo document for creditgen. Fictional content."),
    ]
    ops = ["BT"]
    y = 780
    for font, size, text in lines:
        text = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"/{font} {size} Tf 1 0 0 1 72 {y} Tm ({text}) Tj")
        y -= size + 14
    ops.append("ET")
    ops.append("0.7 0.1 0.1 RG 2 w 72 640 m 523 640 l S")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def referenced(content):
    """{path below content/: seed} for every files/… reference in unit folders."""
    wanted = {}
    for month in sorted(os.listdir(content)):
        mdir = os.path.join(content, month)
        if not MONTH.match(month) or not os.path.isdir(mdir):
            continue
        for unit in sorted(os.listdir(mdir)):
            udir = os.path.join(mdir, unit)
            if not os.path.isdir(udir):
                continue
            for dirpath, dirnames, filenames in os.walk(udir):
                dirnames[:] = [d for d in dirnames if d not in ("files", "records")]
                for name in filenames:
                    if not name.endswith((".md", ".yaml")):
                        continue
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        text = f.read()
                    for ref in REF.findall(text):
                        rel = f"{month}/{unit}/{ref}"
                        wanted[rel] = DUPLICATES.get(rel, rel)
    return wanted


def existing_files(content):
    found = set()
    for month in os.listdir(content):
        mdir = os.path.join(content, month)
        if not MONTH.match(month) or not os.path.isdir(mdir):
            continue
        for unit in os.listdir(mdir):
            fdir = os.path.join(mdir, unit, "files")
            for dirpath, _, filenames in os.walk(fdir):
                for name in filenames:
                    found.add(os.path.relpath(os.path.join(dirpath, name), content).replace(os.sep, "/"))
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--content", default=os.path.join(here, "..", "content"))
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    content = os.path.normpath(args.content)
    wanted = referenced(content)
    problems = written = 0
    for rel in sorted(wanted):
        seed = wanted[rel]
        data = pdf_bytes(seed) if rel.lower().endswith(".pdf") else png_bytes(seed)
        path = os.path.join(content, rel)
        old = None
        if os.path.exists(path):
            with open(path, "rb") as f:
                old = f.read()
        if old == data:
            continue
        if args.check:
            print(f"stale or missing: {rel}", file=sys.stderr)
            problems += 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
        written += 1
    for rel in sorted(existing_files(content) - set(wanted)):
        print(f"orphan (referenced by nothing): {rel}", file=sys.stderr)
        problems += 1
    if not args.check:
        print(f"{len(wanted)} attachments, {written} written")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
