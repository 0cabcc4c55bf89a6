"""``python -m atlas_render ARGS``: runs the binary with ARGS."""

import os
import subprocess
import sys

from atlas_render import find_atlas_render_bin


def main() -> int:
    binary = find_atlas_render_bin()
    if sys.platform == "win32":
        return subprocess.run([binary, *sys.argv[1:]]).returncode
    os.execvp(binary, [binary, *sys.argv[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
