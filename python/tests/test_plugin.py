"""The MkDocs plugin: block finding, and whole builds of small sites."""

import os
import re
import subprocess
import sys
import textwrap

import pytest

from atlas_render.mkdocs_plugin import find_blocks, source_fences

MATERIAL = textwrap.dedent("""\
    site_name: Test
    theme:
      name: material
      palette:
        - scheme: default
        - scheme: slate
    markdown_extensions:
      - admonition
      - pymdownx.details
      - pymdownx.tabbed:
          alternate_style: true
      - pymdownx.superfences:
          custom_fences:
            - name: mermaid
              class: mermaid
              format: !!python/name:pymdownx.superfences.fence_code_format
    """)

NESTED = textwrap.dedent("""\
    # Nested

    Intro.

    ```mermaid
    graph TD
      A[Top] --> B
    ```

    === "Tab one"

        ```mermaid
        graph LR
          T1[In a tab] --> T2
        ```

    !!! note "Inside an admonition"

        ```mermaid
        graph TD
          N1[In a note] --> N2
        ```

    1. A list item

        ```mermaid
        pie
          "a": 1
          "b": 2
        ```
    """)

REFUSED = textwrap.dedent("""\
    # Refused

    Text.

    ```mermaid
    graph TD
      A[Zuul (Primary)] --> B
    ```
    """)

UNDRAWABLE = textwrap.dedent("""\
    # Undrawable

    ```mermaid
    classDiagram
      Open <|-- Closed
    ```
    """)

PLAIN = "# Plain\n\nNo diagrams here, only `code` and\n\n```python\nprint('mermaid')\n```\n"


def make_site(root, plugin_options=None, pages=None, config=MATERIAL):
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in (pages or {"index.md": NESTED, "plain.md": PLAIN}).items():
        (docs / name).write_text(text, encoding="utf-8")
    plugins = "plugins:\n  - search\n"
    if plugin_options is not None:
        plugins += "  - atlas-render" + (":\n" + "".join(f"      {k}: {v}\n" for k, v in plugin_options.items()) if plugin_options else "\n")
    (root / "mkdocs.yml").write_text(config + plugins, encoding="utf-8")
    return root


def build(root, *args):
    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "site", *args], cwd=root, capture_output=True, text=True)
    return p


def page(root, name):
    return (root / "site" / name).read_text(encoding="utf-8")


def test_finds_superfences_and_plain_fenced_blocks_and_nothing_else():
    html = ('<pre class="mermaid"><code>graph TD\n  A --&gt; B</code></pre>'
            '<pre><code class="language-mermaid">pie\n</code></pre>'
            '<pre><code class="language-python">mermaid</code></pre>'
            '<div class="highlight"><pre><span></span><code>x</code></pre></div>')
    blocks = find_blocks(html)
    assert [b.group("body") for b in blocks] == ["graph TD\n  A --&gt; B", "pie\n"]


def test_source_fences_give_lines_and_indentation_of_nested_blocks():
    fences = source_fences(NESTED)
    assert [(line, indent) for line, indent, _ in fences] == [(5, 0), (12, 4), (19, 4), (26, 4)]
    assert fences[1][2] == "graph LR\nT1[In a tab] --> T2"


def test_every_block_drawn_inline_in_tabs_admonitions_and_lists(tmp_path):
    root = make_site(tmp_path, {})
    p = build(root)
    assert p.returncode == 0, p.stderr
    html = page(root, "index.html")
    assert html.count('<div class="atlas-render"') == 4
    assert 'class="mermaid"' not in html and "language-mermaid" not in html
    ids = re.findall(r' id="(ar\d-[^"]*)"', html)
    assert ids and len(ids) == len(set(ids)), "no id twice on a page"
    assert 'role="img"' in html and "<text" in html
    assert "mermaid.min.js" not in html and "mermaid.esm" not in html
    # the tab's diagram sits inside the tab, the note's inside the note
    tab = html.index("In a tab")
    assert html.rfind('class="tabbed-block"', 0, tab) > html.rfind("</div>", 0, html.rfind('class="tabbed-block"', 0, tab))
    assert html.rfind('class="admonition note"', 0, html.index("In a note")) != -1
    # the dark scheme's rules, scoped to each drawing
    assert '[data-md-color-scheme="slate"] #ar1-diagram .dk' in html
    # the site search found the diagrams' words
    index = (root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "In a note" in index and "<svg" not in index


def test_pages_without_mermaid_are_untouched_byte_for_byte(tmp_path):
    with_plugin = make_site(tmp_path / "with", {})
    without = make_site(tmp_path / "without", None)
    assert build(with_plugin).returncode == 0 and build(without).returncode == 0
    assert page(with_plugin, "plain/index.html") == page(without, "plain/index.html")


def test_refusals_are_warnings_with_path_line_rule_and_hint_and_strict_fails(tmp_path):
    root = make_site(tmp_path, {}, {"index.md": NESTED, "refused.md": REFUSED})
    p = build(root)
    assert p.returncode == 0, p.stderr
    warning = [line for line in p.stderr.splitlines() if "WARNING" in line and "atlas-render" in line]
    assert len(warning) == 1, p.stderr
    assert "refused.md:7:10: AR101" in warning[0] and "hint: quote the label" in warning[0]
    assert page(root, "refused/index.html").count('<div class="atlas-render"') == 1, "drawn as meant all the same"
    strict = build(root, "--strict")
    assert strict.returncode != 0


def test_on_error_fail_stops_the_build(tmp_path):
    root = make_site(tmp_path, {"on_error": "fail"}, {"refused.md": REFUSED})
    p = build(root)
    assert p.returncode != 0 and "refused.md:7:10: AR101" in p.stderr


def test_what_cannot_be_drawn_is_a_boxed_error_or_left_for_mermaid_js(tmp_path):
    warn = make_site(tmp_path / "warn", {}, {"index.md": UNDRAWABLE})
    p = build(warn)
    assert p.returncode == 0 and "AR002" in p.stderr
    html = page(warn, "index.html")
    assert 'class="atlas-render atlas-render-error"' in html and 'class="mermaid"' not in html
    fallback = make_site(tmp_path / "fallback", {"on_error": "fallback"}, {"index.md": UNDRAWABLE})
    assert build(fallback).returncode == 0
    assert '<pre class="mermaid"><code>classDiagram' in page(fallback, "index.html")


def test_the_cache_serves_a_second_build_and_a_change_redraws_only_it(tmp_path):
    root = make_site(tmp_path, {})
    first = build(root)
    assert "4 drawn (0 from the cache)" in first.stderr, first.stderr
    cached = list((root / ".cache" / "atlas-render").rglob("*.json"))
    assert len(cached) == 4
    before = page(root, "index.html")
    second = build(root)
    assert "4 drawn (4 from the cache)" in second.stderr, second.stderr
    assert page(root, "index.html") == before
    (root / "docs" / "index.md").write_text(NESTED.replace("In a note", "In a changed note"), encoding="utf-8")
    third = build(root)
    assert "4 drawn (3 from the cache)" in third.stderr, third.stderr


def test_plain_mkdocs_without_material(tmp_path):
    root = make_site(tmp_path, {}, {"index.md": REFUSED.replace("A[Zuul (Primary)]", 'A["Zuul (Primary)"]')}, config="site_name: Plain\n")
    p = build(root)
    assert p.returncode == 0, p.stderr
    html = page(root, "index.html")
    assert html.count('<div class="atlas-render"') == 1 and "language-mermaid" not in html


def test_options_reach_the_renderer(tmp_path):
    source = {"index.md": "# P\n\n```mermaid\ngraph TD\n  A --> B\n```\n"}
    forest = make_site(tmp_path / "forest", {"theme": "forest", "dark_scheme": '""'}, source)
    assert build(forest).returncode == 0
    html = page(forest, "index.html")
    assert "#cde498" in html, "the forest theme's node fill"
    assert "ar1-diagram" not in html and ".dk0" not in html, "no dark scheme asked for"


PLANE = "# P\n\n```mermaid\ngraph TD\n  subgraph EdgePlane[Edge Plane]\n    CDN[CDN]\n  end\n  CDN --> X\n```\n"


def test_the_atlas_render_toml_beside_mkdocs_yml_is_honoured_and_keys_the_cache(tmp_path):
    root = make_site(tmp_path, {}, {"index.md": PLANE})
    assert build(root).returncode == 0
    assert 'fill="#E0EDF9"' in page(root, "index.html"), "classic Edge tint by default"
    (root / "atlas-render.toml").write_text('[planes]\npalette = "tailwind"\n', encoding="utf-8")
    p = build(root)
    assert p.returncode == 0 and "1 drawn (0 from the cache)" in p.stderr, "a new config redraws"
    assert 'stroke="#3B82F6"' in page(root, "index.html"), "the tailwind Edge colour"


def test_the_binary_is_found_in_a_pip_install_target_layout(binary, tmp_path):
    """`pip install --target DIR`: the package in DIR, the binary in DIR/bin,
    and neither on the interpreter's own paths."""
    import shutil

    import atlas_render

    target = tmp_path / "target"
    shutil.copytree(os.path.dirname(atlas_render.__file__), target / "atlas_render")
    (target / "bin").mkdir()
    shutil.copy2(binary, target / "bin" / "atlas-render")
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_RENDER_BIN", "VIRTUAL_ENV")}
    env["PYTHONPATH"] = str(target)
    env["PATH"] = "/usr/bin:/bin"
    # an interpreter outside the test's virtual environment, whose own
    # scripts folder holds no atlas-render
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin")
    if not python:
        pytest.skip("no system python3 outside the virtual environment")
    code = "import atlas_render; print(atlas_render.find_atlas_render_bin())"
    p = subprocess.run([python, "-c", code], env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == str(target / "bin" / "atlas-render")
