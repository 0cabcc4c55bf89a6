#!/usr/bin/env python3
"""Build (a part of) the Atlas's MkDocs site with the atlas-render plugin, and
measure what the plugin did.

usage: tools/atlas_site.py SITE_DIR WORK_DIR [--only PREFIX ...] [--plugin atlas-render|none]
                           [--on-error warn|fail|fallback] [--builds N] [--json]

Copies SITE_DIR (a folder with mkdocs.yml and docs/) into WORK_DIR: with
--only, just the pages under those prefixes (and index.md) and the nav cut to
them; the `mermaid2` plugin replaced by `atlas-render` (or by nothing, for
the same build without diagrams drawn), the `extra_javascript` file the
repository does not ship left out. Then runs `mkdocs build` (N times, to see
the warm cache) and counts, over the built pages:

- mermaid blocks in the Markdown sources, and inline SVGs in the built pages;
- `pre.mermaid` / `code.language-mermaid` blocks left;
- ids used twice within one page;
- references to mermaid.js (script sources naming mermaid);
- warnings the plugin logged; build time.

Needs mkdocs and mkdocs-material, and the atlas-render package for the plugin.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})\s*mermaid\b", re.M)
ID = re.compile(r"""\sid\s*=\s*"([^"]*)\"""")
SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*\"([^\"]*)\"", re.I)
LEFT = re.compile(r"""<pre\b[^>]*class="[^"]*\bmermaid\b|<code\b[^>]*class="[^"]*\blanguage-mermaid\b""")


def cut_nav(items, keep):
    """The nav with only the pages `keep` accepts; sections left empty go."""
    out = []
    for item in items:
        if isinstance(item, str):
            if keep(item):
                out.append(item)
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    if keep(value):
                        out.append({title: value})
                elif isinstance(value, list):
                    sub = cut_nav(value, keep)
                    if sub:
                        out.append({title: sub})
    return out


def nav_yaml(items, depth=0) -> str:
    pad = "  " * depth
    lines = []
    for item in items:
        if isinstance(item, str):
            lines.append(f"{pad}- {json.dumps(item)}")
            continue
        for title, value in item.items():
            if isinstance(value, str):
                lines.append(f"{pad}- {json.dumps(title)}: {json.dumps(value)}")
            else:
                lines.append(f"{pad}- {json.dumps(title)}:")
                lines.append(nav_yaml(value, depth + 1))
    return "\n".join(lines)


def read_nav(config_text: str):
    """The `nav` of a mkdocs.yml, read without its `!!python/name:` tags."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(config_text, Loader=Loader).get("nav", [])


def prepare(site: str, work: str, only: list[str], plugin: str, on_error: str) -> tuple[str, int]:
    """Writes the site copy; returns its folder and the mermaid blocks in its sources."""
    text = open(os.path.join(site, "mkdocs.yml"), encoding="utf-8").read()
    keep = (lambda p: p == "index.md" or any(p.startswith(o) for o in only)) if only else (lambda p: True)
    if os.path.exists(work):
        shutil.rmtree(work)
    docs = os.path.join(work, "docs")
    blocks = 0
    for root, _, names in os.walk(os.path.join(site, "docs")):
        for name in names:
            src = os.path.join(root, name)
            rel = os.path.relpath(src, os.path.join(site, "docs")).replace(os.sep, "/")
            if not keep(rel):
                continue
            dst = os.path.join(docs, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            if name.endswith(".md"):
                blocks += len(FENCE.findall(open(src, encoding="utf-8").read()))
    head, rest = text.split("\nnav:\n", 1)
    tail = rest[rest.index("\nplugins:\n") :]
    # the extra_javascript file the repository does not ship
    head = head.replace("  - javascripts/mathjax.js\n", "")
    nav = cut_nav(read_nav(text), keep)
    plugins = "\nplugins:\n  - search\n"
    if plugin == "atlas-render":
        plugins += f"  - atlas-render:\n      on_error: {on_error}\n"
    del tail  # the mermaid2 plugin and its arguments
    with open(os.path.join(work, "mkdocs.yml"), "w", encoding="utf-8") as f:
        f.write(head + "\nnav:\n" + nav_yaml(nav) + "\n" + plugins)
    return work, blocks


def build(work: str, strict: bool = False) -> tuple[float, str, int]:
    start = time.monotonic()
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", "site"] + (["--strict"] if strict else [])
    p = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    return time.monotonic() - start, p.stderr, p.returncode


def measure(work: str) -> dict:
    svgs = left = pages = pages_with = 0
    duplicate_pages, mermaid_scripts = [], Counter()
    for root, _, names in os.walk(os.path.join(work, "site")):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            page = open(path, encoding="utf-8").read()
            pages += 1
            n = page.count('<div class="atlas-render"')
            svgs += n
            pages_with += n > 0
            left += len(LEFT.findall(page))
            ids = Counter(ID.findall(page))
            twice = [i for i, k in ids.items() if k > 1]
            if twice:
                duplicate_pages.append((os.path.relpath(path, work), twice[:5]))
            for src in SCRIPT.findall(page):
                if "mermaid" in src.lower():
                    mermaid_scripts[src] += 1
    return {
        "pages": pages,
        "pages_with_diagrams": pages_with,
        "inline_svgs": svgs,
        "mermaid_blocks_left": left,
        "pages_with_duplicate_ids": len(duplicate_pages),
        "duplicate_examples": duplicate_pages[:5],
        "mermaid_js_references": sum(mermaid_scripts.values()),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site")
    ap.add_argument("work")
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--plugin", choices=["atlas-render", "none"], default="atlas-render")
    ap.add_argument("--on-error", choices=["warn", "fail", "fallback"], default="warn")
    ap.add_argument("--builds", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    work, blocks = prepare(args.site, args.work, args.only, args.plugin, args.on_error)
    times, warnings, code = [], 0, 0
    for _ in range(args.builds):
        seconds, stderr, code = build(work)
        times.append(round(seconds, 2))
        warnings = sum(1 for line in stderr.splitlines() if "atlas-render:" in line and "WARNING" in line)
        if code != 0:
            print(stderr[-3000:], file=sys.stderr)
            break
    result = {"source_blocks": blocks, "build_seconds": times, "plugin_warnings": warnings, "exit_code": code}
    result.update(measure(work))
    print(json.dumps(result, indent=None if args.json else 2))
    return code


if __name__ == "__main__":
    sys.exit(main())
