#!/usr/bin/env python3
"""Every example in docs/ passes `creditgen check` (run by ctest as `docs-examples`).

Each fenced block in docs/*.md written as ```yaml, ```markdown or ```csv must
be preceded by an HTML comment saying what it is (the reader never sees it):

  <!-- 示例文件：2022-05/shenpiju/policies.yaml -->   the whole file at that path
  <!-- 示例追加：site.yaml -->                        lines added to that file
  <!-- 示例摘自：content/rules/2022-01.yaml -->       an excerpt: its lines appear,
                                                     in order, in that file of the repository
  <!-- 示例不检查：reason -->                          not checkable (said why)

A document with files or additions also says how its district starts:

  <!-- 示例区县：creditgen init --month 2022-05 -->

For each such document the test runs that `creditgen init` in a temporary
folder, writes the document's examples over it in order, supplies the
attachments they name (copies of real files of the same type from the demo
content or the test fixtures), and requires `creditgen check` to report no
error and `creditgen build` to succeed. Usage: docs_examples.py CREDITGEN
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHECKED_LANGUAGES = {"yaml", "markdown", "csv"}
ANNOTATION = re.compile(r"^<!--\s*示例(区县|文件|追加|摘自|不检查)：\s*(.*?)\s*-->\s*$")
# An attachment or records path inside an example, up to the first character
# that cannot be part of one there.
REFERENCE = re.compile(r"(?:files|records)/[^\s\]\)\}\[,\"'#、，）]+")


def blocks(path):
    """(line, language, text, annotation) for each fenced block; annotation is
    (verb, argument) from the nearest comment above, or None."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i, last_note, district = [], 0, None, None
    while i < len(lines):
        line = lines[i]
        m = ANNOTATION.match(line)
        if m:
            if m.group(1) == "区县":
                district = m.group(2)
            else:
                last_note = (m.group(1), m.group(2))
            i += 1
            continue
        if line.startswith("```"):
            language = line[3:].strip()
            start = i
            i += 1
            body = []
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            out.append((start + 1, language, "\n".join(body) + "\n", last_note))
            last_note = None
        elif line.strip():
            last_note = None
        i += 1
    return out, district


def sample_for(extension, cache={}):
    """The smallest file of this type in the demo content (else in the test
    fixtures), for a named attachment."""
    if extension not in cache:
        cache[extension] = None
        for root in ("content", "tests/fixtures"):
            found = [os.path.join(d, f) for d, _, files in os.walk(os.path.join(REPO, root))
                     for f in files if f.lower().endswith(extension)]
            if found:
                cache[extension] = min(found, key=lambda p: (os.path.getsize(p), p))
                break
    return cache[extension]


def supply_attachments(content, written):
    for rel in written:
        parts = rel.split("/")
        if len(parts) < 3 or not re.fullmatch(r"\d{4}-\d{2}", parts[0]):
            continue
        unit_dir = os.path.join(content, parts[0], parts[1])
        text = open(os.path.join(content, rel), encoding="utf-8").read()
        for ref in REFERENCE.findall(text):
            target = os.path.join(unit_dir, ref)
            if os.path.exists(target):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            sample = sample_for(os.path.splitext(ref)[1].lower())
            if sample:
                shutil.copyfile(sample, target)
            else:
                with open(target, "w", encoding="utf-8") as fh:
                    fh.write("示例附件\n")


def excerpt_holds(text, repo_path):
    """Each non-blank line of the excerpt appears, in order, among the file's lines."""
    wanted = [l.strip() for l in text.split("\n") if l.strip()]
    have = [l.strip() for l in open(os.path.join(REPO, repo_path), encoding="utf-8").read().split("\n")]
    at = 0
    for w in wanted:
        while at < len(have) and have[at] != w:
            at += 1
        if at == len(have):
            return w
        at += 1
    return None


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def main():
    creditgen = os.path.abspath(sys.argv[1])
    problems, districts, counts = [], 0, {"文件": 0, "追加": 0, "摘自": 0, "不检查": 0}
    docs = sorted(os.path.join(REPO, "docs", f) for f in os.listdir(os.path.join(REPO, "docs")) if f.endswith(".md"))
    for doc in docs:
        name = os.path.relpath(doc, REPO)
        found, district = blocks(doc)
        applied = []
        for line, language, text, note in found:
            if language not in CHECKED_LANGUAGES:
                continue
            if note is None:
                problems.append(f"{name}:{line}: ```{language} 示例前没有 <!-- 示例文件/追加/摘自/不检查：… --> 说明")
                continue
            verb, arg = note
            counts[verb] += 1
            if verb == "摘自":
                missing = excerpt_holds(text, arg)
                if missing is not None:
                    problems.append(f"{name}:{line}: 摘自 {arg} 的示例中“{missing}”不在该文件中（或顺序不同）")
            elif verb in ("文件", "追加"):
                applied.append((line, verb, arg, text))
        if not applied:
            continue
        if district is None:
            problems.append(f"{name}: 有示例文件但没有 <!-- 示例区县：creditgen init … --> 说明")
            continue
        districts += 1
        with tempfile.TemporaryDirectory(prefix="creditgen-docs-") as tmp:
            content = os.path.join(tmp, "content")
            args = shlex.split(district)
            if args[:2] != ["creditgen", "init"]:
                problems.append(f"{name}: 示例区县应以 creditgen init 开头：{district}")
                continue
            r = run([creditgen, "init", content, "--district", "示例区"] + args[2:], tmp)
            if r.returncode != 0:
                problems.append(f"{name}: {district} 失败：{r.stderr.strip()}")
                continue
            written = []
            for line, verb, rel, text in applied:
                target = os.path.join(content, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w" if verb == "文件" else "a", encoding="utf-8") as fh:
                    fh.write(text)
                written.append(rel)
            supply_attachments(content, written)
            check = run([creditgen, "check", "--content", content], tmp)
            errors = [l for l in check.stderr.split("\n") if ": error: " in l]
            if check.returncode != 0 or errors:
                problems.append(f"{name}: 由示例组成的区县未通过 check（状态 {check.returncode}）：\n    " +
                                "\n    ".join(errors or check.stderr.strip().split("\n")[-5:]))
                continue
            build = run([creditgen, "build", "--quiet", "--content", content, "--site", os.path.join(tmp, "site"),
                         "--archive", os.path.join(tmp, "archive")], tmp)
            if build.returncode != 0 or not os.path.exists(os.path.join(tmp, "site", "index.html")):
                problems.append(f"{name}: 由示例组成的区县 build 失败（状态 {build.returncode}）：{build.stderr.strip()[-500:]}")
    if problems:
        print("docs/ 中的示例有问题：")
        for p in problems:
            print("  " + p)
        return 1
    print(f"docs examples hold: {districts} districts built from init plus "
          f"{counts['文件']} files and {counts['追加']} additions, {counts['摘自']} excerpts found, "
          f"{counts['不检查']} marked not checkable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
