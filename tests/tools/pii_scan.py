#!/usr/bin/env python3
"""Scans a folder for unmasked personal data, written without creditgen's
code: mainland mobile numbers (11 digits starting 13-19) and resident ID
numbers (GB 11643: 17 digits and a check character, with a real-looking
birth date and a valid check digit), not part of a longer run of ASCII
letters or digits. Text inside zip files is scanned too (a zip in the site
would carry its originals). Prints each finding; exit 1 when any.

usage: pii_scan.py FOLDER
"""
import io
import pathlib
import re
import sys
import zipfile

MOBILE = re.compile(rb"(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])")
ID = re.compile(rb"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
                rb"[0-9]{3}[0-9Xx](?![0-9A-Za-z])")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def valid_id(s):
    total = sum(int(c) * w for c, w in zip(s[:17].decode(), WEIGHTS))
    return "10X98765432"[total % 11] == s[17:].decode().upper()


def scan(name, data, out):
    for m in MOBILE.finditer(data):
        out.append(f"{name}: 手机号 {m.group().decode()}")
    for m in ID.finditer(data):
        if valid_id(m.group()):
            out.append(f"{name}: 身份证号 {m.group().decode()}")
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    scan(f"{name}!{info.filename}", z.read(info), out)
        except zipfile.BadZipFile:
            pass


def main():
    findings = []
    for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
        if path.is_file():
            scan(str(path), path.read_bytes(), findings)
    for f in findings:
        print(f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
