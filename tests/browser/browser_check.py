#!/usr/bin/env python3
"""Real-browser check of the built site (spec outputs.md, "The site").

Builds the site with the real creditgen binary, opens the home page, the newest
monthly report, a unit page, an item page and the archive page in headless
Chromium over file:// (and, with --serve, over `creditgen serve`), and fails on
any console error, uncaught exception, CSP violation or request that leaves the
site. Saves full-page screenshots and one A4 print of the monthly report.

Python 3 standard library only: cdp.py beside this file is a minimal Chrome
DevTools Protocol client over a raw socket.
"""

import argparse
import json
import base64
import os
import pathlib
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from cdp import CdpError, start_chromium, stop_process_group

PAGE_TIMEOUT = 30.0   # seconds per page (navigation, load, screenshot)
RUN_TIMEOUT = 110     # whole run, so a hang can never block CTest for long
SETTLE = 0.6          # quiet time after the load event for late requests/errors
MAX_SHOT_HEIGHT = 6000
SKIP = 77             # exit status for CTest's SKIP_RETURN_CODE when Chromium is missing


class RunTimeout(Exception):
    """Raised by the run-wide alarm; distinct from per-call timeouts so nothing swallows it."""


def describe_console(p):
    text = " ".join(str(a.get("value", a.get("description", a.get("type")))) for a in p.get("args", []))
    frames = p.get("stackTrace", {}).get("callFrames", [])
    where = f" ({frames[0]['url']}:{frames[0]['lineNumber'] + 1})" if frames else ""
    return text + where


def outside_site(url, base):
    """True when `url` leaves the site: any other scheme, host or port (data: included)."""
    u = urllib.parse.urlsplit(url)
    if base.scheme == "file":
        return u.scheme != "file"
    return u.scheme != base.scheme or u.netloc != base.netloc


def check_page(cdp, url, shot_path):
    """Loads one page; returns (problems, notes)."""
    problems, notes = [], []
    cdp.events.clear()
    nav = cdp.call("Page.navigate", {"url": url})
    if nav.get("errorText"):
        return [f"navigation failed: {nav['errorText']}"], notes
    if not any(e["method"] == "Page.loadEventFired" for e in cdp.events):
        if not cdp.pump(PAGE_TIMEOUT, until="Page.loadEventFired"):
            problems.append(f"no load event within {PAGE_TIMEOUT:.0f} s")
    cdp.pump(SETTLE)
    base = urllib.parse.urlsplit(url)
    for e in cdp.events:
        m, p = e["method"], e["params"]
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            problems.append(f"console.{p['type']}: {describe_console(p)}")
        elif m == "Runtime.consoleAPICalled" and p.get("type") == "warning":
            notes.append(f"console.warning: {describe_console(p)}")
        elif m == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            text = d.get("exception", {}).get("description") or d.get("text", "")
            problems.append(f"uncaught exception: {text} ({d.get('url', '')}:{d.get('lineNumber', 0) + 1})")
        elif m == "Log.entryAdded":
            entry = p.get("entry", {})
            line = f"[{entry.get('source')}] {entry.get('text')} ({entry.get('url', '')})"
            if entry.get("level") == "error":
                problems.append("log error " + line)
            elif entry.get("level") == "warning":
                notes.append("log warning " + line)
        elif m == "Network.requestWillBeSent":
            req_url = p.get("request", {}).get("url", "")
            if outside_site(req_url, base):
                problems.append(f"request outside the site: {req_url[:200]}")
        elif m == "Network.loadingFailed" and not p.get("canceled"):
            problems.append(f"request failed: {p.get('errorText')} ({p.get('type')})")
        elif m == "Network.responseReceived":
            resp = p.get("response", {})
            if resp.get("status", 0) >= 400:
                problems.append(f"HTTP {resp['status']} for {resp.get('url')}")
    # Chromium sends no Network event for data: URLs, so also read the
    # resource URLs the DOM names (a page without CSP would load them silently).
    dom_urls = cdp.call("Runtime.evaluate", {"returnByValue": True, "expression": """
        [...document.querySelectorAll('[src], link[href], object[data], video[poster]')]
          .map(e => e.src || e.href || e.data || e.poster)
          .concat([...document.querySelectorAll('[srcset]')].flatMap(
            e => e.srcset.split(',').map(c => new URL(c.trim().split(/\\s+/)[0], document.baseURI).href)))"""
                                         })["result"].get("value") or []
    for u in sorted(set(dom_urls)):
        if u and outside_site(u, base):
            problems.append(f"resource outside the site (in the DOM): {u[:200]}")
    if any("/favicon.ico" in p for p in problems):
        problems.append("hint: the favicon.ico request is the browser's own, made because the page declares "
                        "no <link rel=\"icon\"> (a relative link to an icon in assets/ avoids it)")
    overflow = cdp.call("Runtime.evaluate", {
        "expression": "document.documentElement.scrollWidth - document.documentElement.clientWidth",
        "returnByValue": True})["result"].get("value", 0)
    if overflow and overflow > 0:
        notes.append(f"page is {overflow}px wider than the 1280px window (horizontal scrolling)")
    if shot_path is None:
        return problems, notes
    metrics = cdp.call("Page.getLayoutMetrics")
    size = metrics.get("cssContentSize") or metrics.get("contentSize")
    height = min(int(size["height"]) + 1, MAX_SHOT_HEIGHT)
    cdp.call("Emulation.setDeviceMetricsOverride",
             {"width": 1280, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        shot = cdp.call("Page.captureScreenshot", {"format": "png"})
        pathlib.Path(shot_path).write_bytes(base64.b64decode(shot["data"]))
    finally:
        cdp.call("Emulation.clearDeviceMetricsOverride")
    return problems, notes


def check_print(cdp, pdf_path):
    """The monthly report (already loaded) under print media and printed to A4."""
    problems = []
    notes = []
    cdp.call("Emulation.setEmulatedMedia", {"media": "print"})
    # A4 is 794 CSS px wide; printToPDF's default margins (0.4 in) leave 717.
    cdp.call("Emulation.setDeviceMetricsOverride",
             {"width": 717, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    try:
        display = cdp.call("Runtime.evaluate", {
            "expression": "(n => n ? getComputedStyle(n).display : null)(document.querySelector('nav'))",
            "returnByValue": True})["result"].get("value")
        if display is not None and display != "none":
            problems.append(f"print media: the <nav> is displayed ({display}), expected display: none")
        # Tables wider than the printable width are clipped on paper.
        wide = cdp.call("Runtime.evaluate", {"returnByValue": True, "expression": """
            [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > 718)
              .map(t => { let s = t.closest('section'); let h = s && s.querySelector('h2');
                          return (h ? h.textContent.trim() : 'table') + ' ' +
                                 Math.round(t.getBoundingClientRect().width) + 'px'; })"""})["result"].get("value")
        for w in wide or []:
            notes.append(f"print (A4): table wider than the 717px printable width: {w} "
                         "(Chromium shrinks the whole page to fit; other browsers may clip it)")
    finally:
        cdp.call("Emulation.clearDeviceMetricsOverride")
        cdp.call("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(cdp.call("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True})["data"])
    if not pdf.startswith(b"%PDF-"):
        problems.append("Page.printToPDF did not return a PDF")
    pathlib.Path(pdf_path).write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    notes.append(f"A4 PDF: {pages} pages, {pdf_path.name}")
    return problems, notes


GIF = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'none'\">")


def self_check(cdp, folder):
    """Proves the detectors fire: known-bad pages must each yield the expected problems."""
    folder.mkdir()
    (folder / "bad.js").write_text("console.error('self-check error'); throw new Error('self-check throw');\n")
    (folder / "csp.html").write_text(f"<!DOCTYPE html><html><head>{CSP}</head><body>"
                                     f"<script>document.title = 'inline';</script></body></html>")
    (folder / "bad.html").write_text(f"<!DOCTYPE html><html><head><script src=\"bad.js\"></script></head>"
                                     f"<body><img src=\"{GIF}\"></body></html>")
    expected = {"csp.html": ["Content Security Policy"],
                "bad.html": ["console.error: self-check error", "uncaught exception", "outside the site (in the DOM): data:"]}
    missed = []
    for page, wanted in expected.items():
        problems, _ = check_page(cdp, (folder / page).as_uri(), folder / (page + ".png"))
        missed += [f"{page}: no problem reported containing '{w}' (got {problems})"
                   for w in wanted if not any(w in p for p in problems)]
    return missed


def search_cases(site):
    """Two searches the demo must answer, chosen from the built index: a
    two-character word found in exactly one accepted article's title (that
    article must come first), and a word from a rejected item's title (it
    must be listed with its status)."""
    # The index comes in parts (units and rows, and one per month), each a
    # script pushing {"docs": [...], "terms": {...}}; document numbers are
    # the part's own, so counts add up across parts.
    parts = []
    for path in sorted((site / "assets").glob("search-index*.js")):
        text = path.read_text(encoding="utf-8")
        parts.append(json.loads(text[text.index("{"):text.rindex("}") + 1]))
    if len(parts) < 2:
        raise SystemExit(f"search index: expected a part per month and one for the site, found {len(parts)}")
    docs = [d for part in parts for d in part["docs"]]
    def count(term):
        return sum(len(part["terms"][term].split(",")) for part in parts if term in part["terms"])
    def bigrams(title):
        return [a + b for a, b in zip(title, title[1:]) if "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"]
    cases = []
    for d in docs:
        if d[4] == "信用动态" and d[5] == "已采纳":
            unique = [w for w in bigrams(d[0]) if count(w) == 1]
            if unique:
                cases.append(("first", unique[0], d[1], d[5]))
                break
    for d in docs:
        if d[5] == "已退回" and bigrams(d[0]):
            cases.append(("listed", bigrams(d[0])[0], d[1], d[5]))
            break
    return cases


def index_state(cdp, seconds=20.0):
    """Waits until the search page has loaded every part of its index (it
    loads them one after another); returns its data-index-state."""
    deadline = time.monotonic() + seconds
    while True:
        found = cdp.call("Runtime.evaluate", {"returnByValue": True, "expression":
                         "document.getElementById('search-page').getAttribute('data-index-state')"})
        state = found.get("result", {}).get("value")
        if state not in (None, "loading") or time.monotonic() > deadline:
            return state
        cdp.pump(0.1)


def check_search(cdp, search_url, cases):
    """Types each word into the search page once its index is loaded; returns problems."""
    problems = []
    for mode, word, path, status in cases:
        page_problems, _ = check_page(cdp, search_url, None)
        problems += page_problems
        state = index_state(cdp)
        if state != "loaded":
            problems.append(f"search index parts not all loaded: data-index-state={state!r}")
        cdp.events.clear()
        cdp.call("Runtime.evaluate", {"expression": "document.getElementById('search-page-input').focus()"})
        cdp.call("Input.insertText", {"text": word})
        cdp.pump(SETTLE)
        for e in cdp.events:
            if e["method"] in ("Runtime.exceptionThrown",) or (
                    e["method"] == "Runtime.consoleAPICalled" and e["params"].get("type") == "error"):
                problems.append(f"search {word}: script error {e['params']}")
        found = cdp.call("Runtime.evaluate", {"returnByValue": True, "expression": """
            [...document.querySelectorAll('#search-results li')].map(li => [
              li.querySelector('a').getAttribute('href'),
              (li.querySelector('.search-status') || {}).textContent || ''])"""})
        rows = found.get("result", {}).get("value") or []
        hrefs = [r[0] for r in rows]
        if mode == "first" and (not rows or rows[0][0] != path):
            problems.append(f"search {word}: expected {path} first, got {hrefs[:3]}")
        if mode == "listed" and [path, status] not in rows:
            problems.append(f"search {word}: {path} with status {status} not listed (got {rows[:3]})")
        summary = cdp.call("Runtime.evaluate", {"returnByValue": True, "expression":
                           "document.getElementById('search-summary').textContent"})
        text = summary.get("result", {}).get("value") or ""
        if not text.startswith(f"“{word}”共找到 {len(rows) if len(rows) < 200 else ''}"):
            problems.append(f"search {word}: summary {text!r} does not give the final count")
    return problems


def pages_to_check(site):
    months = sorted(d.name for d in site.iterdir()
                    if re.fullmatch(r"\d{4}-\d{2}", d.name) and (d / "index.html").is_file())
    if not months:
        raise CdpError(f"no month folder with index.html in {site}")
    month = months[-1]
    units = sorted(p.name for p in (site / month / "units").glob("*.html"))
    items = sorted(str(p.relative_to(site)) for p in (site / month / "items").rglob("*.html"))
    pages = ["index.html", f"{month}/index.html"]
    pages += [f"{month}/units/{units[0]}"] if units else []
    pages += [items[0]] if items else []
    pages.append("archive/index.html")
    missing = ([f"{month}/units/*.html"] if not units else []) + ([f"{month}/items/**/*.html"] if not items else [])
    return month, pages, missing


def start_server(creditgen, site, content, archive):
    proc = subprocess.Popen([creditgen, "serve", "--site", str(site), "--content", str(content),
                             "--archive", str(archive), "--port", "0"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    line = b""
    deadline = time.monotonic() + 60   # serve rebuilds the site before it listens
    while b"\n" not in line and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            line += chunk
    # Keep draining stdout so the server can never block on a full pipe.
    threading.Thread(target=lambda: proc.stdout.read(), daemon=True).start()
    found = re.search(r"http://[^/\s]+/", line.decode(errors="replace"))
    if not found:
        stop_process_group(proc, signal.SIGKILL, 5)
        raise CdpError(f"creditgen serve printed no preview URL: {line[:200]!r}")
    return proc, found.group(0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--creditgen", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--out", required=True, help="screenshot directory")
    ap.add_argument("--serve", action="store_true", help="also check the pages over `creditgen serve`")
    args = ap.parse_args()
    browser = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(browser, os.X_OK):
        print(f"browser: skipped, no Chromium at {browser} (apt-get install chromium fonts-noto-cjk)")
        return SKIP

    def on_alarm(*_):
        raise RunTimeout(f"whole run exceeded {RUN_TIMEOUT} s")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(RUN_TIMEOUT)

    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("*.png")) + list(out.glob("*.pdf")):
        old.unlink()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="creditgen-browser-"))
    chromium = server = cdp = None
    results = []   # (name, problems, notes)
    try:
        site = tmp / "site"
        # The content's sealed bundles come with it: its publication records
        # name them (archive/ beside the content folder; drafts left out).
        archive = tmp / "archive"
        archive.mkdir()
        for zip_path in (pathlib.Path(args.content).resolve().parent / "archive").glob("*.zip"):
            if not zip_path.name.endswith(".draft.zip"):
                shutil.copy2(zip_path, archive / zip_path.name)
        build = subprocess.run([args.creditgen, "build", "--quiet", "--content", args.content,
                                "--site", str(site), "--archive", str(tmp / "archive")],
                               stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        if not (site / "index.html").is_file():
            err = build.stderr.decode(errors="replace").strip().splitlines()[-5:]
            results.append(("creditgen build", [f"exit {build.returncode}, no site/index.html"] + err, []))
            return report(results)
        if build.returncode != 0:
            print(f"note: creditgen build exited {build.returncode} (content diagnostics); checking the site anyway")
        month, pages, missing = pages_to_check(site)
        if missing:
            results.append(("site pages", [f"no page found for {m}" for m in missing], []))

        profile = tmp / "profile"
        profile.mkdir()
        chromium, cdp = start_chromium(profile)
        for domain in ("Runtime", "Log", "Network", "Page"):
            cdp.call(f"{domain}.enable")

        results.append(("detector self-check", self_check(cdp, tmp / "self-check"), []))
        bases = [("file", lambda rel: (site / rel).as_uri())]
        if args.serve:
            server, root = start_server(args.creditgen, site, args.content, archive)
            bases.append(("http", lambda rel: root + urllib.parse.quote(rel)))
        for scheme, to_url in bases:
            for rel in pages:
                name = f"{scheme} {rel}"
                shot = out / (scheme + "_" + re.sub(r"[^A-Za-z0-9._-]+", "_", rel[:-5]) + ".png")
                try:
                    problems, notes = check_page(cdp, to_url(rel), shot)
                    if scheme == "file" and rel == f"{month}/index.html":
                        more, more_notes = check_print(cdp, out / f"{month}-report-A4.pdf")
                        problems += more
                        notes += more_notes
                except CdpError as e:
                    problems, notes = [str(e)], []
                results.append((name, problems, notes))
            if (site / "search.html").is_file():
                try:
                    problems = check_search(cdp, to_url("search.html"), search_cases(site))
                except (CdpError, ValueError, KeyError) as e:
                    problems = [str(e)]
                results.append((f"{scheme} search", problems, []))
    except (CdpError, RunTimeout, TimeoutError, OSError, subprocess.SubprocessError) as e:
        results.append(("browser run", [f"{type(e).__name__}: {e}"], []))
    finally:
        signal.alarm(0)
        if cdp is not None:
            try:
                cdp.call("Browser.close", timeout=5)
            except (CdpError, OSError):
                pass
            cdp.close()
        stop_process_group(chromium, signal.SIGTERM, 5)
        stop_process_group(server, signal.SIGINT, 10)
        shutil.rmtree(tmp, ignore_errors=True)
    return report(results, out)


def report(results, out=None):
    failed = [r for r in results if r[1]]
    for name, problems, notes in results:
        print(f"{'FAIL' if problems else 'ok  '} {name}")
        for p in problems:
            print(f"       error: {p}")
        for n in notes:
            print(f"       note:  {n}")
    if out is not None:
        print(f"screenshots: {out}")
    if failed:
        print("\nproblems:")
        for name, problems, _ in failed:
            for p in problems:
                print(f"  {name}: {p}")
    print(f"browser: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
