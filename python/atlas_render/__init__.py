"""atlas-render: Mermaid diagrams to SVG, PNG and PDF without a browser.

The wheel carries the ``atlas-render`` binary (installed into the
environment's scripts folder) and the MkDocs plugin
(``atlas_render.mkdocs_plugin``). :func:`find_atlas_render_bin` finds the
binary wherever pip put it.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig

__all__ = ["find_atlas_render_bin"]

EXE = "atlas-render" + (sysconfig.get_config_var("EXE") or "")


def _user_scheme() -> str:
    if sys.version_info >= (3, 10):
        return sysconfig.get_preferred_scheme("user")
    if os.name == "nt":
        return "nt_user"
    if sys.platform == "darwin" and getattr(sys, "_framework", None):
        return "osx_framework_user"
    return "posix_user"


def candidates() -> list[str]:
    """Where the binary may be, in the order they are tried."""
    out = []
    if os.environ.get("ATLAS_RENDER_BIN"):
        out.append(os.environ["ATLAS_RENDER_BIN"])
    # The environment's scripts folder (a virtual environment, a system install).
    out.append(os.path.join(sysconfig.get_path("scripts"), EXE))
    # `pip install --user`.
    try:
        out.append(os.path.join(sysconfig.get_path("scripts", scheme=_user_scheme()), EXE))
    except KeyError:
        pass
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # `pip install --target DIR`: the package in DIR, the binary in DIR/bin.
    out.append(os.path.join(package_root, "bin", EXE))
    # `pip install --prefix P`: the package in P/lib/pythonX.Y/site-packages
    # (P/Lib/site-packages on Windows), the binary in P/bin (P/Scripts).
    for up, scripts in ((3, "bin"), (2, "Scripts")):
        prefix = package_root
        for _ in range(up):
            prefix = os.path.dirname(prefix)
        out.append(os.path.join(prefix, scripts, EXE))
    return out


def find_atlas_render_bin() -> str:
    """The path of the atlas-render binary: installed beside this package,
    else the first on ``PATH``. Raises FileNotFoundError when there is none."""
    for path in candidates():
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    on_path = shutil.which("atlas-render")
    if on_path:
        return on_path
    raise FileNotFoundError(
        "the atlas-render binary is not installed beside the atlas_render package "
        "(tried " + ", ".join(candidates()) + ") and is not on PATH; "
        "reinstall with `pip install atlas-render`, or set ATLAS_RENDER_BIN"
    )
