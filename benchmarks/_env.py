"""The environment the timed commands run in: a user's, with bytecode caching on.

Some machines set ``PYTHONDONTWRITEBYTECODE``; every fresh interpreter there compiles the library's
modules again, which a user's install does once. Timed commands run without it, after one untimed
run has written the caches.
"""

from __future__ import annotations

import os
import subprocess
import time


def user_env(**extra: str) -> dict:
    """``os.environ`` without ``PYTHONDONTWRITEBYTECODE``, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def wall_seconds(cmd: list, env: dict | None = None, cwd: str | None = None) -> float:
    """Run a command as a user would (its output discarded); its wall time in seconds. A failure raises with the
    end of its error output."""
    t0 = time.perf_counter()
    run = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or user_env(), cwd=cwd)
    seconds = time.perf_counter() - t0
    if run.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {run.stderr.decode(errors='replace')[-500:]}")
    return seconds
