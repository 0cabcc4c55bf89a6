"""A cut-down copy of the Atlas's own MkDocs site, built with the plugin in
place of mermaid2 (needs ../shared/atlas-site; skipped without it)."""

import os
import shutil

import pytest

from conftest import ROOT

SITE = os.path.join(os.path.dirname(ROOT), "shared", "atlas-site")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not os.path.isfile(os.path.join(SITE, "mkdocs.yml")):
        pytest.skip(f"{SITE} is absent (the Atlas site is in CI's ../shared, not in a fresh clone)")
    import atlas_site

    work = str(tmp_path_factory.mktemp("atlas") / "site")
    work, blocks = atlas_site.prepare(SITE, work, ["systems/netflix", "systems/uber", "patterns/circuit-breaker"], "atlas-render", "warn")
    seconds, stderr, code = atlas_site.build(work)
    assert code == 0, stderr[-3000:]
    return work, blocks, stderr


def test_every_block_is_drawn_or_reported_and_nothing_collides(built):
    import atlas_site

    work, blocks, stderr = built
    m = atlas_site.measure(work)
    boxes = sum(open(os.path.join(r, n), encoding="utf-8").read().count("atlas-render atlas-render-error")
                for r, _, ns in os.walk(os.path.join(work, "site")) for n in ns if n.endswith(".html"))
    assert blocks > 20
    assert m["inline_svgs"] + boxes == blocks, (m, boxes)
    assert m["mermaid_blocks_left"] == 0
    assert m["pages_with_duplicate_ids"] == 0, m["duplicate_examples"]
    assert m["mermaid_js_references"] == 0
    refusals = [l for l in stderr.splitlines() if "WARNING" in l and "atlas-render:" in l]
    assert all(".md:" in l and " AR" in l for l in refusals), refusals[:3]


def test_pages_look_right_in_chromium_in_both_schemes(built, chromium, tmp_path):
    import site_browser_check

    work, _, _ = built
    site = os.path.join(work, "site")
    pages = site_browser_check.pages_with_diagrams(site)[:4]
    server = site_browser_check.serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        results = [site_browser_check.check_page(chromium, base, p, str(tmp_path / "profile")) for p in pages]
    finally:
        server.shutdown()
    assert results and all(r["problems"] == [] for r in results), results
    assert sum(r["diagrams"] for r in results) >= len(pages)
