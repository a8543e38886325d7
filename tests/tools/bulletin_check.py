#!/usr/bin/python3
"""The monthly 通报 (.docx) read back with an independent reader (python-docx,
Debian's python3-docx): for every scored month of the demo, the five
sections in order, the 文号 and date of issue (or the draft mark), every
unit's rank and score in 附件1 and every row's points in 附件2 as scores.json
has them, every warned unit of analysis.json named in 三、预警情况, and the
same bytes from a second build.

Usage: bulletin_check.py CREDITGEN CONTENT ARCHIVE
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import docx  # Debian: python3-docx (the Makefile installs it)
except ImportError:
    sys.exit("bulletin_check: python-docx 不可用：请安装 python3-docx（make test 会安装）")

SECTIONS = ["一、总体情况", "二、排名情况", "三、预警情况", "四、存在问题", "五、下一步工作"]


def points_text(v):
    s = f"{round(v + 0.0, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check_month(site, month):
    folder = os.path.join(site, month)
    path = os.path.join(folder, f"tongbao-{month}.docx")
    if not os.path.exists(path):
        fail(f"{path} 不存在")
    scores = json.load(open(os.path.join(folder, "scores.json"), encoding="utf-8"))
    analysis = json.load(open(os.path.join(folder, "analysis.json"), encoding="utf-8"))
    d = docx.Document(path)
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    headings = [t for s, t in paras if s == "Heading 1"]
    if headings != SECTIONS:
        fail(f"{month}: 一级标题为 {headings}")
    year, mon = month.split("-")
    label = f"{int(year)}年{int(mon)}月"
    title = [t.replace("\n", "") for s, t in paras if s == "Title"]  # two lines
    if title != [f"关于{label}全区信用状况监测情况的通报"]:
        fail(f"{month}: 标题为 {title}")
    number = [t for s, t in paras if s == "发文字号"]
    if number != [f"历信用办〔{int(year)}〕{int(mon)}号"]:
        fail(f"{month}: 文号为 {number}")
    text = "\n".join(t for _, t in paras)
    published = os.path.exists(os.path.join(CONTENT, "publications", f"{month}.yaml"))
    if published == ("草稿" in text):
        fail(f"{month}: 草稿标记与发布状态不符（已发布：{published}）")
    signature = [t for s, t in paras if s == "发文机关署名"]
    if len(signature) != 2 or (published and "　" in signature[1]) or (not published and "年" not in signature[1]):
        fail(f"{month}: 落款为 {signature}")

    # 附件1: rank, unit, type, score — every unit, in rank order.
    ranking, points = d.tables[0], d.tables[1]
    rows = [[c.text for c in r.cells] for r in ranking.rows]
    if rows[0][:4] != ["排名", "单位", "类型", "得分"]:
        fail(f"{month}: 附件1 表头为 {rows[0]}")
    if len(rows) - 1 != len(scores["units"]):
        fail(f"{month}: 附件1 有 {len(rows) - 1} 个单位，scores.json 有 {len(scores['units'])} 个")
    for row, unit in zip(rows[1:], scores["units"]):
        want = [str(unit["rank"]), unit["name"], f"{unit['score']:.2f}"]
        if [row[0], row[1], row[3]] != want:
            fail(f"{month}: 附件1 的一行为 {row}，应为 {want}")
    # 附件2: unit × row points, then the score.
    ids = [r["id"] for r in scores["rows"]]
    rows = [[c.text for c in r.cells] for r in points.rows]
    if rows[0] != ["单位"] + ids + ["得分"]:
        fail(f"{month}: 附件2 表头为 {rows[0]}")
    for row, unit in zip(rows[1:], scores["units"]):
        if row[0] != unit["name"] or row[-1] != f"{unit['score']:.2f}":
            fail(f"{month}: 附件2 的一行为 {row[0]} {row[-1]}")
        for rid, cell in zip(ids, row[1:-1]):
            got = cell.rstrip("*")
            if rid not in unit["rows"]:
                if got:
                    fail(f"{month}: 附件2 {unit['name']} {rid} 不适用，却为 {cell!r}")
                continue
            want = unit["rows"][rid]["points"]  # 4 decimals; the table shows at most 2
            if not got or abs(float(got) - want) > 0.0051 or got != points_text(float(got)):
                fail(f"{month}: 附件2 {unit['name']} {rid} 为 {cell!r}，scores.json 为 {want}")
    # 三、预警情况 names every warned unit.
    start, end = text.index("三、预警情况"), text.index("四、存在问题")
    for w in analysis["warnings"]:
        if w["name"] not in text[start:end] or w["consequence"] not in text[start:end]:
            fail(f"{month}: 预警情况中没有 {w['name']}（{w['rule']}，{w['consequence']}）")
    if not analysis["warnings"] and "没有单位触发预警" not in text[start:end]:
        fail(f"{month}: 没有预警时应说明")
    return len(scores["units"])


def build(creditgen, content, archive, site):
    r = subprocess.run([creditgen, "build", "--quiet", "--content", content, "--archive", archive, "--site", site],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail("build 失败：" + r.stderr[-2000:])


if __name__ == "__main__":
    creditgen, CONTENT, archive_src = sys.argv[1], sys.argv[2], sys.argv[3]
    with tempfile.TemporaryDirectory() as tmp:
        archive = os.path.join(tmp, "archive")
        shutil.copytree(archive_src, archive)
        build(creditgen, CONTENT, archive, os.path.join(tmp, "site"))
        months = sorted(m for m in os.listdir(os.path.join(tmp, "site"))
                        if os.path.exists(os.path.join(tmp, "site", m, "scores.json")))
        if not months:
            fail("没有计分月份")
        for m in months:
            n = check_month(os.path.join(tmp, "site"), m)
            print(f"{m}: 通报 {n} 个单位，五部分、附件1、附件2 与 scores.json 一致")
        build(creditgen, CONTENT, archive, os.path.join(tmp, "again"))
        for m in months:
            a = open(os.path.join(tmp, "site", m, f"tongbao-{m}.docx"), "rb").read()
            b = open(os.path.join(tmp, "again", m, f"tongbao-{m}.docx"), "rb").read()
            if a != b:
                fail(f"{m}: 两次生成的通报不同")
        print("两次生成的通报逐字节相同")
