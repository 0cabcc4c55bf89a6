#!/usr/bin/env python3
"""Open pages of a built MkDocs site in headless Chromium and check the
atlas-render diagrams as readers see them.

usage: tools/site_browser_check.py SITE_DIR [PAGE ...] [--sample N] [--screenshot OUT_DIR]

SITE_DIR is a built site (`mkdocs build`'s output). PAGEs are paths under it
(`systems/netflix/architecture/index.html`); without them, N pages holding
diagrams are picked evenly. The site is served on a local port (as a reader's
browser gets it, so Material's scripts and the search worker run), and into
each page goes a small script that records console errors and, once the
fonts are in, measures every `div.atlas-render svg`: its size on screen, the
paint of its background and of its first label, then switches the page to
Material's slate scheme (`data-md-color-scheme="slate"`, as the palette
toggle does) and measures again. The check fails on any console error, any
diagram with no size, and any diagram whose background or label colour the
toggle does not change; it counts the node and subgraph labels below 4.5:1
on their own shape in each scheme. With --screenshot, each page is also saved in both
schemes (`<name>-light.png`, `<name>-slate.png`).

Needs Debian's chromium (apt-get install chromium).
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--disable-dev-shm-usage"]

# First in <head>: keep every console error and uncaught exception.
CATCH = """<script>
window.__atlasErrors = [];
window.addEventListener('error', e => window.__atlasErrors.push('uncaught: ' + e.message));
window.addEventListener('unhandledrejection', e => window.__atlasErrors.push('unhandled rejection: ' + e.reason));
(function () { const orig = console.error; console.error = function (...a) { window.__atlasErrors.push(a.join(' ')); orig.apply(console, a); }; })();
</script>"""

# Last in <body>: measure in both schemes, write the result into the page.
MEASURE = r"""<script>
function atlasLum(c) {
  const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/);
  if (!m) return null;
  const ch = v => { v = v / 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * ch(+m[1]) + 0.7152 * ch(+m[2]) + 0.0722 * ch(+m[3]);
}
function atlasContrast(a, b) {
  const la = atlasLum(a), lb = atlasLum(b);
  if (la === null || lb === null) return 21;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
function atlasPaint() {
  return Array.from(document.querySelectorAll('div.atlas-render svg')).map(svg => {
    const r = svg.getBoundingClientRect();
    const bg = svg.querySelector('rect.background');
    const label = svg.querySelector('text');
    // text on its own shape: node labels, subgraph titles
    let labels = 0, low = [];
    svg.querySelectorAll('g.node, g.cluster').forEach(g => {
      const shape = g.querySelector('rect, polygon, ellipse, path, circle');
      if (!shape) return;
      const fill = getComputedStyle(shape).fill;
      if (fill === 'none') return;
      g.querySelectorAll('text').forEach(t => {
        labels++;
        const c = atlasContrast(getComputedStyle(t).fill, fill);
        if (c < 4.5) low.push([g.dataset.id, Math.round(c * 100) / 100]);
      });
    });
    return {w: r.width, h: r.height,
            bg: bg ? getComputedStyle(bg).fill : null,
            text: label ? getComputedStyle(label).fill : null,
            labels, low};
  });
}
function atlasCheck() {
  const light = atlasPaint();
  document.body.setAttribute('data-md-color-scheme', 'slate');
  const slate = atlasPaint();
  const out = document.createElement('pre');
  out.id = 'atlas-check-result';
  out.textContent = JSON.stringify({errors: window.__atlasErrors, light, slate});
  document.body.appendChild(out);
}
window.addEventListener('load', () => document.fonts.ready.then(() => setTimeout(atlasCheck, 300)));
</script>"""

SLATE = """<script>document.addEventListener('DOMContentLoaded', () => document.body.setAttribute('data-md-color-scheme', 'slate'));</script>"""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; `?atlas-check`, `?atlas-light` and `?atlas-slate` pages get the scripts."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if query not in ("atlas-check", "atlas-light", "atlas-slate") or not path.endswith(".html"):
            return super().do_GET()
        file = self.translate_path(path)
        try:
            page = open(file, encoding="utf-8").read()
        except OSError:
            return self.send_error(404)
        page = page.replace("<head>", "<head>" + CATCH, 1)
        tail = {"atlas-check": MEASURE, "atlas-light": "", "atlas-slate": SLATE}[query]
        page = page.replace("</body>", tail + "</body>", 1)
        body = page.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: str):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_chromium(browser: str, args: list[str], profile: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


def check_page(browser: str, base: str, page: str, profile: str) -> dict:
    p = run_chromium(browser, ["--virtual-time-budget=8000", "--dump-dom", f"{base}/{page}?atlas-check"], profile)
    m = re.search(r'<pre id="atlas-check-result">(.*?)</pre>', p.stdout, re.S)
    if not m:
        return {"page": page, "problems": ["no result from the page (did it load?)"]}
    data = json.loads(html.unescape(m.group(1)))
    problems = [f"console: {e}" for e in data["errors"]]
    for i, (light, slate) in enumerate(zip(data["light"], data["slate"]), start=1):
        if light["w"] <= 0 or light["h"] <= 0:
            problems.append(f"diagram {i} has no size on the page")
        if light["bg"] == slate["bg"]:
            problems.append(f"diagram {i}: the background stays {light['bg']} in slate")
    changed_text = sum(1 for l, s in zip(data["light"], data["slate"]) if l["text"] != s["text"])
    labels = sum(d["labels"] for d in data["light"])
    low = {scheme: [x for d in data[scheme] for x in d["low"]] for scheme in ("light", "slate")}
    return {"page": page, "diagrams": len(data["light"]), "text_changed": changed_text, "labels": labels,
            "low_contrast_light": len(low["light"]), "low_contrast_slate": len(low["slate"]),
            "low_contrast_examples": low["light"][:3] + low["slate"][:3], "problems": problems}


def screenshot(browser: str, base: str, page: str, out: str, profile: str) -> list[str]:
    name = page.strip("/").replace("/index.html", "").replace("/", "--") or "index"
    shots = []
    for scheme, query in (("light", "atlas-light"), ("slate", "atlas-slate")):
        path = os.path.join(out, f"{name}-{scheme}.png")
        run_chromium(browser, ["--virtual-time-budget=8000", "--window-size=1280,1600", f"--screenshot={path}", f"{base}/{page}?{query}"], profile)
        shots.append(path)
    return shots


def pages_with_diagrams(site: str) -> list[str]:
    out = []
    for root, _, names in os.walk(site):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(root, name)
                if '<div class="atlas-render"' in open(path, encoding="utf-8").read():
                    out.append(os.path.relpath(path, site).replace(os.sep, "/"))
    return sorted(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site")
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--sample", type=int, default=8)
    ap.add_argument("--screenshot", metavar="OUT_DIR")
    args = ap.parse_args()
    browser = chromium()
    if not browser:
        print("site_browser_check: no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return 2
    pages = args.pages
    if not pages:
        every = pages_with_diagrams(args.site)
        step = max(1, len(every) // max(1, args.sample))
        pages = every[::step][: args.sample]
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    failed = 0
    with tempfile.TemporaryDirectory() as profile:
        for page in pages:
            result = check_page(browser, base, page, profile)
            failed += bool(result["problems"])
            print(json.dumps(result))
            if args.screenshot:
                os.makedirs(args.screenshot, exist_ok=True)
                for shot in screenshot(browser, base, page, args.screenshot, profile):
                    print(f"  screenshot {shot}")
    server.shutdown()
    print(f"{len(pages)} pages, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
