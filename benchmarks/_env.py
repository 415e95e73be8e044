"""The environment the timed commands run in: a user's, with bytecode caching on.

Some machines set ``PYTHONDONTWRITEBYTECODE``; every fresh interpreter there compiles the library's
modules again, which a user's install does once. Timed commands run without it, after one untimed
run has written the caches.
"""

from __future__ import annotations

import os


def user_env(**extra: str) -> dict:
    """``os.environ`` without ``PYTHONDONTWRITEBYTECODE``, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env
