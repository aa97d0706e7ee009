"""Walk the running demo as each demo user, in English and Korean, and screenshot every page.

Usage (after ``make demo``, with its output kept in a file):
    make demo > demo.log 2>&1 &          # prints the logins, serves on :8000
    .venv/bin/python tools/walk_demo.py demo.log [--url http://127.0.0.1:8000] [--out shots/]

The newcomer's path, done by a program: every page of the navigation, each demo role, both
languages, in Debian's Chromium. It prints one line per page (status, title, problems) and exits 1
when a page answers 5xx or 409, shows a traceback, or a Korean page shows no Korean. Screenshots go
to ``--out`` (a temporary folder by default; the demo holds only fictional people, but keep them
out of the repository all the same). Look at them: a page can answer 200 and still be wrong.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PAGES = ["/", "/intake", "/testimonies", "/review", "/search?q=yuan",
         "/search?q=%EC%9C%84%EC%95%88",
         "/persons", "/cases", "/case-dashboard", "/referrals", "/network", "/statistics",
         "/audit", "/account", "/admin/users", "/admin/vocabularies", "/no-such-page"]
# the first link of these list pages is opened too (a detail page of each kind)
DETAIL = {"/testimonies": "/testimonies/", "/review": "/review/", "/persons": "/persons/",
          "/cases": "/cases/"}
LOGIN = re.compile(r"│\s*(demo-[\w-]+)\s*│\s*([0-9a-f]{6}-[0-9a-f]{6}-[0-9a-f]{6})\s*│\s*(\w+)")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
BAD = re.compile(r"Traceback|Internal Server Error|jinja2\.|KeyError|TypeError")


def logins(log: Path) -> list[tuple[str, str, str]]:
    """(username, password, role) rows of the table ``casebook demo --serve`` prints."""
    return LOGIN.findall(log.read_text(encoding="utf-8", errors="replace"))


def walk(url: str, users: list[tuple[str, str, str]], out: Path) -> list[str]:
    """Visit every page as every user in both languages; return the problems found."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, password, _role in users:
            for lang in ("en", "ko"):
                ctx = browser.new_context(locale="ko-KR" if lang == "ko" else "en-GB",
                                          viewport={"width": 1360, "height": 900})
                page = ctx.new_page()
                page.goto(url + "/login")
                page.fill("input[name=username]", name)
                page.fill("input[name=password]", password)
                page.click("button.primary")
                page.wait_for_load_state()
                paths = list(PAGES)
                for i, path in enumerate(paths):
                    resp = page.goto(url + path)
                    status = resp.status if resp else 0
                    body = page.inner_text("body")
                    title = page.title()
                    notes = []
                    if status >= 500 or status == 409:
                        notes.append(f"status {status}")
                    if BAD.search(body):
                        notes.append("error text on the page")
                    if lang == "ko" and not HANGUL.search(body):
                        notes.append("no Korean on a Korean page")
                    if path in DETAIL and status == 200:
                        link = page.locator(f"a[href^='{DETAIL[path]}']").first
                        if link.count():
                            href = link.get_attribute("href") or ""
                            if href and href not in paths:
                                paths.append(href)
                    shot = out / f"{name}-{lang}-{i:02d}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    line = f"{name:14} {lang} {status} {path[:40]:40} {title[:40]}"
                    print(line + ("  <-- " + "; ".join(notes) if notes else ""))
                    problems += [f"{name} {lang} {path}: {n}" for n in notes]
                ctx.close()
        browser.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log", type=Path, help="the output of `make demo` (the logins table)")
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--out", type=Path, default=None, help="folder for the screenshots")
    args = ap.parse_args(argv)
    users = logins(args.log)
    if not users:
        print(f"{args.log}: no demo logins found (run `make demo > {args.log}` first)",
              file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="casebook-walk-"))
    out.mkdir(parents=True, exist_ok=True)
    problems = walk(args.url.rstrip("/"), users, out)
    print(f"{len(users)} users x 2 languages; screenshots in {out}; {len(problems)} problems")
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
