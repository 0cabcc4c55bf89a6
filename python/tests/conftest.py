import os
import shutil
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))


@pytest.fixture(scope="session")
def binary():
    """The installed atlas-render binary (the package's), or ATLAS_RENDER_BIN."""
    from atlas_render import find_atlas_render_bin

    return find_atlas_render_bin()


@pytest.fixture(scope="session")
def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium on PATH (apt-get install chromium): the browser tests need it")
