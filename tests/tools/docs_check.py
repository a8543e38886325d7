#!/usr/bin/env python3
"""Keeps docs/ true to the program (run by ctest as `docs`).

1. Every diagnostic code the program can emit is in docs/diagnostics.md's table
   (first column, in backticks). Codes are found in the sources: the second
   argument of every `.error(` / `.warning(` call that is a string literal, and
   codes printed in brackets in messages (" [io]\\n").
2. Every field key a loader asks for (MapReader's text/date/number/… calls and
   node()/has()) is documented, in backticks, in docs/content-format.md or
   docs/rules.md.
3. Every relative link between docs/ files and from README.md points to a file
   that exists.
4. Every accepted attachment type (generator/base/file_types.cc) is in
   docs/content-format.md's list and in docs/deploy.md's MIME table and its
   nginx, Apache and IIS samples, with the same MIME type.
Exit 0 when all hold, 1 with a list of what is missing.
"""
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sources(folder):
    for dirpath, _, files in os.walk(os.path.join(REPO, "generator", folder)):
        for f in sorted(files):
            if f.endswith((".cc", ".h")):
                path = os.path.join(dirpath, f)
                with open(path, encoding="utf-8") as fh:
                    yield path, fh.read()


def call_arguments(text, start):
    """The top-level arguments (raw text) of the call whose '(' is at text[start]."""
    depth, args, current, i = 0, [], [], start
    in_string = None
    while i < len(text):
        c = text[i]
        if in_string:
            current.append(c)
            if c == "\\":
                current.append(text[i + 1])
                i += 2
                continue
            if c == in_string:
                in_string = None
        elif c in "\"'":
            in_string = c
            current.append(c)
        elif c in "([{":
            depth += 1
            if depth > 1:
                current.append(c)
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(current).strip())
                return args
            current.append(c)
        elif c == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    return args


def emitted_codes():
    codes = {"busy"}  # build.cc prints (busy ? "busy" : "io")
    for _, text in sources(""):
        for m in re.finditer(r"\.(?:error|warning)\(", text):
            args = call_arguments(text, m.end() - 1)
            if len(args) >= 2:
                literal = re.fullmatch(r'"([a-z][a-z-]*)"', args[1])
                if literal:
                    codes.add(literal.group(1))
        for m in re.finditer(r' \[([a-z][a-z-]+)\](?:\\n|")', text):
            codes.add(m.group(1))
        # Problems built as values and reported later (load/file_format.cc).
        for m in re.finditer(r'Problem\{"([a-z][a-z-]*)"', text):
            codes.add(m.group(1))
    return codes


def documented_codes():
    with open(os.path.join(REPO, "docs/diagnostics.md"), encoding="utf-8") as fh:
        return {m.group(1) for m in re.finditer(r"^\| `([a-z][a-z-]*)` \|", fh.read(), re.M)}


def loader_keys():
    keys = set()
    for _, text in sources("load"):
        for m in re.finditer(r'\.(?:text|date|date_time|integer|number|boolean|text_list|choice|node|has)\("([a-z_][a-z0-9_]*)"',
                             text):
            keys.add(m.group(1))
    return keys


def documented_keys():
    text = ""
    for name in ("content-format.md", "rules.md"):
        with open(os.path.join(REPO, "docs", name), encoding="utf-8") as fh:
            text += fh.read()
    return set(re.findall(r"`([a-z_][a-z0-9_]*)`", text)) | set(re.findall(r"`([a-z_][a-z0-9_]*):", text))


def broken_links():
    broken = []
    files = [os.path.join(REPO, "README.md")] + [os.path.join(REPO, "docs", f) for f in os.listdir(os.path.join(REPO, "docs"))
                                                 if f.endswith(".md")]
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", fh.read()):
                if not os.path.exists(os.path.join(os.path.dirname(path), target)):
                    broken.append(f"{os.path.relpath(path, REPO)} → {target}")
    return broken


def attachment_types():
    """(extension, MIME type) of every accepted attachment type, from base/file_types.cc."""
    with open(os.path.join(REPO, "generator/base/file_types.cc"), encoding="utf-8") as fh:
        text = fh.read()
    table = text[text.index("attachment_types() {"):text.index("std::string lower_extension")]
    return re.findall(r'\{"([a-z0-9]+)", "[^"]+", "([^"]+)"', table)


def undocumented_types():
    """Types missing from docs/deploy.md's MIME table or its nginx, Apache and IIS samples,
    or from docs/content-format.md's list of allowed types."""
    with open(os.path.join(REPO, "docs/deploy.md"), encoding="utf-8") as fh:
        deploy = fh.read()
    with open(os.path.join(REPO, "docs/content-format.md"), encoding="utf-8") as fh:
        allowed_row = next(l for l in fh.read().split("\n") if l.startswith("| 允许的类型 |"))
    out = []
    for ext, mime in attachment_types():
        bare = mime.split(";")[0]
        wanted = {"table": f"| `.{ext}` | ", "nginx": f"{bare} {ext};", "IIS": f'fileExtension=".{ext}" mimeType="{bare}"'}
        if ext not in ("csv", "txt"):
            wanted["Apache"] = f"AddType {bare} .{ext}\n"
        for where, text in wanted.items():
            if text not in deploy or (where == "table" and f"| `{mime}` |" not in deploy):
                out.append(f"deploy.md {where}: .{ext} {mime}")
        if not re.search(rf"[、| ]{ext}[、；]", allowed_row):
            out.append(f"content-format.md 允许的类型: {ext}")
    return out


def main():
    problems = []
    types = undocumented_types()
    if types:
        problems.append("attachment types not documented: " + "; ".join(types))
    missing_codes = sorted(emitted_codes() - documented_codes())
    if missing_codes:
        problems.append("docs/diagnostics.md lacks codes: " + ", ".join(missing_codes))
    missing_keys = sorted(loader_keys() - documented_keys())
    if missing_keys:
        problems.append("docs/content-format.md and docs/rules.md lack fields: " + ", ".join(missing_keys))
    links = broken_links()
    if links:
        problems.append("broken links: " + "; ".join(links))
    for p in problems:
        print(p)
    if not problems:
        print(f"docs hold: {len(emitted_codes())} codes, {len(loader_keys())} fields, "
              f"{len(attachment_types())} attachment types, links fine")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
