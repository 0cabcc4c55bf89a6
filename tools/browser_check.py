#!/usr/bin/env python3
"""Open atlas-render SVGs in headless Chromium and measure what users see.

usage: tools/browser_check.py SVG_OR_DIR... [--screenshot OUT_DIR] [--show N]

For every `g.node`, checks that each `<text>` of its label lies inside the
node's shape as Chromium draws it (the box of the text, each corner tested
with `isPointInFill` on the shape), the way the Atlas corpus measured
mermaid's text overflow. Prints totals and the first offenders. With
--screenshot, also saves a PNG of each SVG as Chromium renders it.

Needs Debian's chromium (apt-get install chromium). Not part of the test
suite: a tool for looking at our output the way a browser shows it.
"""
import argparse, html, json, os, re, subprocess, sys, tempfile

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]

SCRIPT = r"""
<script>
function check() {
  const out = [];
  document.querySelectorAll('div.case').forEach(div => {
    const name = div.dataset.name;
    let nodes = 0, overflow = [];
    div.querySelectorAll('g.node').forEach(g => {
      nodes++;
      const shape = g.querySelector('rect, polygon, ellipse, path, circle');
      const texts = g.querySelectorAll('text');
      if (!shape) return;
      const m = shape.getScreenCTM().inverse();
      let bad = false;
      texts.forEach(t => {
        const r = t.getBoundingClientRect();
        if (r.width === 0) return;
        const inset = 1.0;
        const corners = [[r.left + inset, r.top + inset], [r.right - inset, r.top + inset],
                         [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset]];
        corners.forEach(([x, y]) => {
          const p = new DOMPoint(x, y).matrixTransform(m);
          if (!shape.isPointInFill(p)) bad = true;
        });
      });
      if (bad) overflow.push(g.dataset.id);
    });
    out.push({name, nodes, overflow});
  });
  document.getElementById('result').textContent = JSON.stringify(out);
}
window.addEventListener('load', () => document.fonts.ready.then(check));
</script>
"""

def chromium():
    for c in ("chromium", "chromium-browser", "google-chrome"):
        for d in os.environ.get("PATH", "").split(os.pathsep):
            p = os.path.join(d, c)
            if os.path.exists(p):
                return p
    sys.exit("chromium not found: apt-get install chromium")

def svgs(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                for f in sorted(files):
                    if f.endswith(".svg"):
                        yield os.path.join(root, f)
        else:
            yield p

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--screenshot", default=None)
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--batch", type=int, default=200)
    a = ap.parse_args()
    files = sorted(set(svgs(a.paths)))
    exe = chromium()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(0, len(files), a.batch):
            chunk = files[i:i + a.batch]
            body = []
            for f in chunk:
                svg = open(f, encoding="utf-8").read()
                svg = re.sub(r"^<\?xml[^>]*>", "", svg)
                body.append(f'<div class="case" data-name="{html.escape(f)}">{svg}</div>')
            page = os.path.join(tmp, f"page{i}.html")
            with open(page, "w", encoding="utf-8") as fh:
                fh.write("<!doctype html><html><body>" + "".join(body) + '<pre id="result"></pre>' + SCRIPT + "</body></html>")
            dom = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", "--virtual-time-budget=10000", "--dump-dom", "file://" + page],
                                 capture_output=True, text=True, timeout=600).stdout
            m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
            if not m or not m.group(1).strip():
                print(f"no result from chromium for batch {i}", file=sys.stderr)
                continue
            results.extend(json.loads(html.unescape(m.group(1))))
        if a.screenshot:
            os.makedirs(a.screenshot, exist_ok=True)
            for f in files:
                svg = open(f, encoding="utf-8").read()
                w = re.search(r'width="([\d.]+)"', svg); h = re.search(r'height="([\d.]+)"', svg)
                w = int(float(w.group(1))) + 16 if w else 1200
                h = int(float(h.group(1))) + 16 if h else 900
                page = os.path.join(tmp, "shot.html")
                with open(page, "w", encoding="utf-8") as fh:
                    fh.write('<!doctype html><html><body style="margin:8px;background:white">' + svg + "</body></html>")
                out = os.path.join(a.screenshot, os.path.basename(f)[:-4] + ".png")
                subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", f"--window-size={w},{h}",
                                f"--screenshot={out}", "file://" + page], capture_output=True, timeout=120)
    nodes = sum(r["nodes"] for r in results)
    bad = [(r["name"], r["overflow"]) for r in results if r["overflow"]]
    print(f"{len(results)} SVGs, {nodes} nodes in Chromium: {sum(len(b) for _, b in bad)} nodes with text outside their shape, in {len(bad)} SVGs")
    for name, ids in bad[: a.show]:
        print(f"  {name}: {', '.join(ids[:8])}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
