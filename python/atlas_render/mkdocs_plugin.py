"""The ``atlas-render`` MkDocs plugin: every Mermaid block drawn at build time.

Enable it in ``mkdocs.yml`` (in place of ``mermaid2``)::

    plugins:
      - search
      - atlas-render

It works on each page's HTML (``on_page_content``), so it finds the blocks
wherever Markdown put them (tabs, admonitions, lists): Material's
``pymdownx.superfences`` custom fence (``<pre class="mermaid"><code>``) and
plain fenced code (``<pre><code class="language-mermaid">``). Each block is
sent to one ``atlas-render batch`` process kept open for the build, which
draws them in parallel while MkDocs goes on with the other pages; the
drawings go into the pages just before their templates are rendered
(``on_page_context``, ahead of the search plugin so the diagrams' text is
found by the site search). Every block becomes an inline SVG whose ids are
prefixed per diagram, with ``role="img"``, and whose colours follow
Material's palette toggle (``[data-md-color-scheme="slate"]``) through CSS
rules scoped to the drawing, without JavaScript.

Answers are cached by content hash in memory and in ``.cache/atlas-render/``
beside ``mkdocs.yml``, so a rebuild redraws only what changed. Pages without
Mermaid are left exactly as they were.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import subprocess
import tempfile
import time
from typing import Optional

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from atlas_render import find_atlas_render_bin
from atlas_render.batch import Batch, BatchError

log = logging.getLogger("mkdocs.plugins.atlas_render")

SLATE = '[data-md-color-scheme="slate"]'

#: A ``<pre>`` holding one ``<code>``; which of them are Mermaid is read off
#: their classes.
BLOCK = re.compile(r"<pre\b(?P<pre>[^>]*)>\s*<code\b(?P<code>[^>]*)>(?P<body>.*?)</code>\s*</pre>", re.S)
CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: A fence in the Markdown source: its indentation, its marks and its info.
FENCE = re.compile(r"^(?P<indent>[ \t>]*)(?P<marks>`{3,}|~{3,})\s*\{?\s*\.?(?P<info>[\w-]*)")
#: Where a drawing goes until its answer is in.
PLACEHOLDER = re.compile(r"<!--atlas-render:(\d+)-->")
#: The words of a drawing, for the search plugin, until the drawing goes in.
WORDS = re.compile(r"(?<=-->)<p>[^<]*</p><!--/atlas-render-->")
TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")


def classes(attrs: str) -> list[str]:
    m = CLASS.search(attrs)
    return (m.group(1) or m.group(2) or "").split() if m else []


def is_mermaid(pre_attrs: str, code_attrs: str) -> bool:
    """Superfences' ``<pre class="mermaid">`` or fenced code's
    ``<code class="language-mermaid">``."""
    return "mermaid" in classes(pre_attrs) or bool({"language-mermaid", "mermaid"} & set(classes(code_attrs)))


def find_blocks(page_html: str) -> list[re.Match]:
    """The Mermaid blocks of a page's HTML, in order."""
    return [m for m in BLOCK.finditer(page_html) if is_mermaid(m.group("pre"), m.group("code"))]


def _normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(line.strip() for line in lines)


def source_fences(markdown: str) -> list[tuple[int, int, str]]:
    """The ``mermaid`` fences of a Markdown source: (line of the opening
    fence, from 1; indentation; normalised body)."""
    out = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        marks, start = m.group("marks"), i
        body = []
        i += 1
        while i < len(lines):
            stripped = lines[i].lstrip(" \t>")
            if stripped.startswith(marks) and not stripped[len(marks):].strip(marks[0]).strip():
                break
            body.append(lines[i])
            i += 1
        if m.group("info") == "mermaid":
            out.append((start + 1, len(m.group("indent")), _normalise("\n".join(body))))
        i += 1
    return out


class AtlasRenderConfig(Config):
    #: What to do with a diagram mermaid-js would refuse or atlas-render
    #: cannot draw: ``warn`` (draw what was meant, log a warning; a boxed
    #: error where it cannot be drawn), ``fail`` (stop the build), or
    #: ``fallback`` (log a warning and leave what cannot be drawn for
    #: client-side mermaid.js).
    on_error = c.Choice(("warn", "fail", "fallback"), default="warn")
    #: A theme over the diagrams' own: default, base, dark, forest, neutral.
    theme = c.Optional(c.Choice(("default", "base", "dark", "forest", "neutral")))
    #: Plane colours: ``enforce`` or ``keep`` (default: atlas-render.toml's, else enforce).
    planes = c.Optional(c.Choice(("enforce", "keep")))
    #: The plane palette: ``classic`` or ``tailwind`` (default: atlas-render.toml's, else classic).
    palette = c.Optional(c.Choice(("classic", "tailwind")))
    #: A legend of the planes under each diagram.
    legend = c.Type(bool, default=False)
    #: A config file instead of the atlas-render.toml nearest mkdocs.yml.
    config_file = c.Optional(c.Type(str))
    #: The page's selector for its dark scheme ("" for none).
    dark_scheme = c.Type(str, default=SLATE)
    #: Cache answers on disk, in ``cache_dir`` (relative to mkdocs.yml).
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/atlas-render")
    #: The atlas-render binary (default: the one installed with this package, else PATH).
    binary = c.Optional(c.Type(str))


class AtlasRenderPlugin(BasePlugin[AtlasRenderConfig]):
    def __init__(self) -> None:
        self._batch: Optional[Batch] = None
        self._memory: dict[str, dict] = {}
        # placeholder number -> (cache key, batch id or None, page path, line, block source, original HTML)
        self._pending: dict[int, dict] = {}
        # cache key -> batch id, for a diagram sent but not yet answered
        self._inflight: dict[str, int] = {}
        self._count = 0
        self.stats = {"blocks": 0, "drawn": 0, "cached": 0, "refused": 0, "undrawable": 0, "left": 0, "waited": 0.0}

    # ----- set-up ---------------------------------------------------------

    def on_config(self, config):
        self._root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        try:
            self._binary = self.config.binary or find_atlas_render_bin()
        except FileNotFoundError as e:
            raise PluginError(str(e)) from e
        try:
            version = subprocess.run([self._binary, "--version"], capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError) as e:
            raise PluginError(f"atlas-render: cannot run {self._binary}: {e}") from e
        self._args = []
        for flag in ("theme", "planes", "palette"):
            if self.config[flag]:
                self._args += [f"--{flag}", self.config[flag]]
        if self.config.legend:
            self._args.append("--legend")
        settings = ""
        config_file = self.config.config_file
        if config_file:
            config_file = os.path.join(self._root, config_file)
            self._args += ["--config", config_file]
            settings = _read(config_file)
        else:
            nearest = _nearest(self._root, "atlas-render.toml")
            settings = _read(nearest) if nearest else ""
        # What the drawings depend on besides their source.
        binary = os.stat(self._binary)
        self._salt = json.dumps([version, binary.st_size, binary.st_mtime_ns, self._args, settings, self.config.dark_scheme])
        self._cache_dir = os.path.join(self._root, self.config.cache_dir) if self.config.cache else None
        return config

    def _batch_process(self) -> Batch:
        if self._batch is None:
            self._batch = Batch(self._binary, self._args, cwd=self._root)
        return self._batch

    # ----- the pages ------------------------------------------------------

    def on_page_content(self, page_html, page, config, files):
        blocks = find_blocks(page_html)
        if not blocks:
            return page_html
        path = page.file.src_uri
        fences = source_fences(_page_source(page))
        used = set()
        out, last = [], 0
        for n, m in enumerate(blocks, start=1):
            source = html.unescape(m.group("body"))
            normal = _normalise(source)
            line, indent = None, 0
            for k, (fence_line, fence_indent, body) in enumerate(fences):
                if k not in used and body == normal:
                    used.add(k)
                    line, indent = fence_line, fence_indent
                    break
            prefix = f"ar{n}-"
            key = hashlib.sha256(json.dumps([self._salt, prefix, source]).encode()).hexdigest()
            job = {"key": key, "id": None, "path": path, "line": line, "indent": indent, "block": n, "html": m.group(0)}
            self.stats["blocks"] += 1
            if key in self._inflight:
                job["id"] = self._inflight[key]
            elif key not in self._memory and not self._from_disk(key):
                options = {"id_prefix": prefix, "dark_scheme": self.config.dark_scheme or None}
                try:
                    job["id"] = self._inflight[key] = self._batch_process().submit(source, **options)
                except BatchError as e:
                    raise PluginError(f"atlas-render: {e}") from e
            else:
                self.stats["cached"] += 1
            self._count += 1
            self._pending[self._count] = job
            out.append(page_html[last:m.start()])
            out.append(f"<!--atlas-render:{self._count}-->")
            last = m.end()
        out.append(page_html[last:])
        return "".join(out)

    @event_priority(100)
    def _words_for_search(self, context, page, config, nav):
        # Before the search plugin indexes the page: the diagrams' words,
        # without their markup (which would cost it seconds to parse).
        if page.content and "<!--atlas-render:" in page.content:
            page.content = self._resolve(page.content, words_only=True)
        return context

    @event_priority(-100)
    def _drawings(self, context, page, config, nav):
        # After every other plugin: the drawings themselves.
        if page.content and "<!--atlas-render:" in page.content:
            page.content = self._resolve(page.content)
        return context

    on_page_context = CombinedEvent(_words_for_search, _drawings)

    def on_post_page(self, output, page, config):
        # Anything that copied the page's content before it was resolved.
        if "<!--atlas-render:" in output:
            output = self._resolve(output)
        return output

    def on_post_build(self, config):
        self._close()
        log.info(
            "atlas-render: %d diagrams, %d drawn (%d from the cache), %d that mermaid-js refuses, %d that cannot be drawn; %.2f s waited for drawings",
            self.stats["blocks"], self.stats["drawn"], self.stats["cached"], self.stats["refused"], self.stats["undrawable"], self.stats["waited"],
        )

    def on_build_error(self, error):
        self._close()

    def on_shutdown(self):
        self._close()

    def _close(self):
        if self._batch is not None:
            self._batch.close()
            self._batch = None

    # ----- answers --------------------------------------------------------

    def _resolve(self, text: str, words_only: bool = False) -> str:
        def replace(m):
            job = self._pending.get(int(m.group(1)))
            if job is None:
                return m.group(0)
            if words_only:
                svg = self._answer(job).get("svg") or ""
                words = " ".join(html.unescape(w) for w in TEXT.findall(svg))
                return f"<!--atlas-render:{m.group(1)}--><p>{html.escape(words)}</p><!--/atlas-render-->"
            return self._place(job)
        if not words_only:
            text = WORDS.sub("", text)
        return PLACEHOLDER.sub(replace, text)

    def _answer(self, job) -> dict:
        key = job["key"]
        if key in self._memory:
            return self._memory[key]
        started = time.perf_counter()
        try:
            answer = self._batch_process().result(job["id"]) if job["id"] is not None else None
        except BatchError as e:
            raise PluginError(f"atlas-render: {e}") from e
        if answer is None:
            raise PluginError(f"atlas-render: lost the answer for {job['path']} block {job['block']}")
        self.stats["waited"] += time.perf_counter() - started
        answer.pop("id", None)
        self._inflight.pop(key, None)
        self._memory[key] = answer
        self._to_disk(key, answer)
        return answer

    def _place(self, job) -> str:
        answer = self._answer(job)
        where = self._where(job)
        errors = [d for d in answer.get("diagnostics", []) if d.get("severity") == "error"]
        fail = self.config.on_error == "fail"
        for d in errors:
            message = f"{self._where(job, d)}: {d['code']} {d['message']}" + (f" (hint: {d['hint']})" if d.get("hint") else "")
            if fail:
                raise PluginError(f"atlas-render: {message}")
            log.warning("atlas-render: %s", message)
        for d in answer.get("diagnostics", []):
            if d.get("severity") != "error":
                log.info("atlas-render: %s: %s %s", self._where(job, d), d["code"], d["message"])
        if errors:
            self.stats["refused"] += 1
        svg = answer.get("svg")
        if svg is None:
            self.stats["undrawable"] += 1
            message = f"{where}: cannot be drawn: {answer.get('error') or 'unknown error'}"
            if fail:
                raise PluginError(f"atlas-render: {message}")
            if not errors:
                log.warning("atlas-render: %s", message)
            if self.config.on_error == "fallback":
                self.stats["left"] += 1
                return job["html"]
            return (
                '<div class="atlas-render atlas-render-error" role="note">'
                f"<p><strong>This diagram cannot be drawn</strong>: {html.escape(answer.get('error') or '')}</p>"
                f"<pre><code>{html.escape(html.unescape(BLOCK.match(job['html']).group('body')))}</code></pre></div>"
            )
        self.stats["drawn"] += 1
        kind = html.escape(answer.get("kind") or "")
        return f'<div class="atlas-render" data-kind="{kind}">{svg}</div>'

    def _where(self, job, diagnostic: Optional[dict] = None) -> str:
        if job["line"] is None:
            return f"{job['path']} (block {job['block']})"
        if diagnostic is None:
            return f"{job['path']}:{job['line']}"
        line = job["line"] + int(diagnostic.get("line") or 1)
        column = job["indent"] + int(diagnostic.get("column") or 1)
        return f"{job['path']}:{line}:{column}"

    # ----- the disk cache -------------------------------------------------

    def _cache_path(self, key: str) -> Optional[str]:
        return os.path.join(self._cache_dir, key[:2], key + ".json") if self._cache_dir else None

    def _from_disk(self, key: str) -> bool:
        path = self._cache_path(key)
        if not path or not os.path.isfile(path):
            return False
        try:
            with open(path, encoding="utf-8") as f:
                self._memory[key] = json.load(f)
            return True
        except (OSError, ValueError):
            return False

    def _to_disk(self, key: str, answer: dict) -> None:
        path = self._cache_path(key)
        if not path:
            return
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(answer, f)
            os.replace(tmp, path)
        except OSError as e:
            log.debug("atlas-render: cannot write the cache: %s", e)


def _page_source(page) -> str:
    try:
        with open(page.file.abs_src_path, encoding="utf-8-sig") as f:
            return f.read()
    except (OSError, TypeError):
        return page.markdown or ""


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def _nearest(folder: str, name: str) -> Optional[str]:
    while True:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
