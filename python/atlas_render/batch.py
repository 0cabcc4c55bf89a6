"""A client for ``atlas-render batch``: one process, kept open, draws many
diagrams in parallel.

JSON lines in (``{"id", "source", "theme"?, "id_prefix"?, "dark_scheme"?}``)
and one JSON line out per request as soon as it is drawn, in any order
(``{"id", "kind", "svg"|null, "mermaid_ok", "diagnostics", "error"}``).
"""

from __future__ import annotations

import json
import subprocess
import threading
from typing import Optional, Sequence


class BatchError(RuntimeError):
    """The batch process is gone or answered something that is not JSON."""


class Batch:
    """One ``atlas-render batch`` process. :meth:`submit` sends a request
    without waiting; :meth:`result` waits for its answer."""

    def __init__(self, binary: str, args: Sequence[str] = (), cwd: Optional[str] = None):
        self._proc = subprocess.Popen(
            [binary, "batch", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self._answers: dict[int, dict] = {}
        self._done = threading.Condition()
        self._next = 0
        self._ended: Optional[str] = None
        self._stderr: list[str] = []
        self._write_lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        problem = None
        for line in self._proc.stdout:
            try:
                answer = json.loads(line)
            except ValueError:
                problem = f"the batch answered a line that is not JSON: {line[:200]!r}"
                break
            with self._done:
                if isinstance(answer.get("id"), int):
                    self._answers[answer["id"]] = answer
                self._done.notify_all()
        code = self._proc.wait()
        with self._done:
            tail = "".join(self._stderr[-5:]).strip()
            self._ended = problem or f"the atlas-render batch process ended (exit code {code})" + (f": {tail}" if tail else "")
            self._done.notify_all()

    def _read_stderr(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            self._stderr.append(line)

    def submit(self, source: str, **options) -> int:
        """Sends one diagram; returns the id to ask :meth:`result` for."""
        with self._write_lock:
            ident = self._next
            self._next += 1
            request = {"id": ident, "source": source}
            request.update({k: v for k, v in options.items() if v is not None})
            try:
                assert self._proc.stdin is not None
                self._proc.stdin.write(json.dumps(request) + "\n")
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError) as e:
                raise BatchError(self._ended or f"cannot write to the atlas-render batch process: {e}") from e
        return ident

    def result(self, ident: int, timeout: Optional[float] = 60.0) -> dict:
        """The answer to request `ident`, once it is drawn."""
        with self._done:
            ok = self._done.wait_for(lambda: ident in self._answers or self._ended is not None, timeout)
            if ident in self._answers:
                return self._answers.pop(ident)
            if not ok:
                raise BatchError(f"no answer from atlas-render within {timeout} s")
            raise BatchError(self._ended or "the batch process ended")

    def draw(self, source: str, **options) -> dict:
        """Sends one diagram and waits for its answer."""
        return self.result(self.submit(source, **options))

    def close(self) -> None:
        """Ends the input and waits for the process to finish."""
        try:
            if self._proc.stdin and not self._proc.stdin.closed:
                self._proc.stdin.close()
        except OSError:
            pass
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
