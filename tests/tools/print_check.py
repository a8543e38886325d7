#!/usr/bin/env python3
"""The month report printed to A4 as a leader would print it: headless Chromium
--print-to-pdf, then the PDF's text read back with pdftotext (poppler-utils).
For the demo's 2022-05 and for a generated district of 120 units: every unit
name appears unbroken wherever it appears (no name split over two lines in a
table cell), the title block is on page 1 with the whole first place of the
ranking, and no page is nearly empty (fewer than 5 lines of text).

Usage: print_check.py CREDITGEN CONTENT ARCHIVE OUT_DIR
Exit 77 (skipped) when Chromium is not installed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
MIN_LINES = 5


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        fail(" ".join(cmd[:2]) + " 失败：" + (r.stderr or r.stdout)[-2000:])
    return r.stdout


def print_pdf(browser, page, pdf, profile):
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "file://" + page],
                   capture_output=True, timeout=240)
    if not os.path.exists(pdf):
        fail(f"Chromium 没有生成 {pdf}")


def page_texts(pdf):
    info = run(["pdfinfo", pdf])
    pages = int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))
    return [run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"]) for i in range(1, pages + 1)]


def check(site, month, pdf_dir, browser, profile):
    folder = os.path.join(site, month)
    scores = json.load(open(os.path.join(folder, "scores.json"), encoding="utf-8"))
    pdf = os.path.join(pdf_dir, f"{os.path.basename(os.path.dirname(site))}-{month}.pdf")
    print_pdf(browser, os.path.join(folder, "index.html"), pdf, profile)
    pages = page_texts(pdf)
    for i, text in enumerate(pages, 1):
        lines = [l for l in text.splitlines() if l.strip()]
        if len(lines) < MIN_LINES:
            fail(f"{pdf} 第 {i} 页几乎是空的（{len(lines)} 行）：{lines}")
    whole = "".join(pages)
    joined = "".join(whole.split())  # every line break and column gap removed
    for unit in scores["units"]:
        name = unit["name"]
        seen, anywhere = whole.count(name), joined.count(name)
        if seen == 0:
            fail(f"{pdf}: 单位名称“{name}”没有出现")
        if anywhere > seen:
            fail(f"{pdf}: 单位名称“{name}”有 {anywhere - seen} 处被拆成两行")
    first = pages[0]
    year, mon = month.split("-")
    for want in (f"{int(year)}年{int(mon)}月", "信用状况监测月报", "综合排名", scores["units"][0]["name"]):
        if want not in first:
            fail(f"{pdf}: 第 1 页没有“{want}”")
    print(f"{pdf}: {len(pages)} 页，{len(scores['units'])} 个单位的名称都完整，没有近乎空白的页")


if __name__ == "__main__":
    creditgen, content, archive_src, out = sys.argv[1:5]
    browser = chromium()
    if not browser:
        print("跳过：没有 Chromium")
        sys.exit(SKIP)
    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        demo = os.path.join(tmp, "demo")
        shutil.copytree(archive_src, os.path.join(demo, "archive"))
        run([creditgen, "build", "--quiet", "--content", content, "--archive", os.path.join(demo, "archive"),
             "--site", os.path.join(demo, "site")])
        check(os.path.join(demo, "site"), "2022-05", out, browser, profile)
        # Many units: a generated district (bench/gen_content.py), its second month.
        big = os.path.join(tmp, "many")
        run([sys.executable, os.path.join(here, "..", "..", "bench", "gen_content.py"), "--out",
             os.path.join(big, "content"), "--units", "120", "--months", "2", "--items-per-unit-month", "1",
             "--attachments-mb", "0.2", "--seed", "3", "--quiet"])
        run([creditgen, "build", "--quiet", "--content", os.path.join(big, "content"), "--archive",
             os.path.join(big, "archive"), "--site", os.path.join(big, "site")])
        check(os.path.join(big, "site"), "2022-02", out, browser, profile)
