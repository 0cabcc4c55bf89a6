"""What readers see, in headless Chromium: inline drawings side by side, and a
built Material site in both schemes."""

import json
import re
import struct
import subprocess
import sys
import zlib

import pytest

from atlas_render.batch import Batch

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--disable-dev-shm-usage"]
FLOW = "graph LR\n  A[Client] --> B[Server]\n  B -.-> C[(DB)]"


def read_png(path):
    """Width, height and rows of RGB(A) pixels of an 8-bit PNG (what Chromium writes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def test_a_hidden_first_drawing_leaves_the_second_its_arrowheads(binary, chromium, tmp_path):
    with Batch(binary) as batch:
        first = batch.draw(FLOW, id_prefix="ar1-")["svg"]
        second = batch.draw(FLOW, id_prefix="ar2-")["svg"]
    page = tmp_path / "two.html"
    page.write_text(
        "<!doctype html><html><head><style>body{margin:0;background:#fff} svg{display:block}</style></head><body>"
        f'<div style="display:none">{first}</div><div id="second">{second}</div>'
        "<script>window.addEventListener('load', () => { const out = [];"
        "document.querySelectorAll('#second .arrowheadPath').forEach(p => { const r = p.getBoundingClientRect();"
        "out.push([r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]); });"
        "const pre = document.createElement('pre'); pre.id = 'heads'; pre.textContent = JSON.stringify(out);"
        "document.body.appendChild(pre); });</script></body></html>",
        encoding="utf-8",
    )
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    dom = subprocess.run([chromium, *FLAGS, profile, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    heads = json.loads(re.search(r'<pre id="heads">(.*?)</pre>', dom, re.S).group(1))
    assert len(heads) == 2 and all(w > 0 and h > 0 for _, _, w, h in heads)
    shot = tmp_path / "two.png"
    subprocess.run([chromium, *FLAGS, profile, "--window-size=800,400", f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    width, height, channels, rows = read_png(str(shot))
    for x, y, _, _ in heads:
        px = rows[int(y)][int(x) * channels:int(x) * channels + 3]
        assert max(px) < 120, f"the arrowhead at ({x:.0f}, {y:.0f}) is drawn dark, not {tuple(px)}"


def test_a_built_site_in_both_schemes(tmp_path, chromium):
    from test_plugin import NESTED, PLAIN, build, make_site
    import site_browser_check

    root = make_site(tmp_path / "site", {}, {"index.md": NESTED, "plain.md": PLAIN})
    assert build(root).returncode == 0
    server = site_browser_check.serve(str(root / "site"))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = site_browser_check.check_page(chromium, base, "index.html", str(tmp_path / "profile"))
        shots = site_browser_check.screenshot(chromium, base, "index.html", str(tmp_path), str(tmp_path / "profile"))
    finally:
        server.shutdown()
    assert result["diagrams"] == 4 and result["problems"] == [], result
    assert result["text_changed"] >= 3, "labels on the theme's fills turn light in slate"
    light, slate = (read_png(s) for s in shots)
    assert light[3] != slate[3]
