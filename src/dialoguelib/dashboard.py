"""The explorers as a no-code app: Voila serves ``notebooks/dashboard.ipynb`` on loopback, code hidden.

``make dashboard`` runs ``python -m dialoguelib.dashboard``. Voila renders with the project's
template (``templates/jupyter/voila/templates/dialoguelib``: Voila's lab page with nothing
fetched from a CDN), found through ``JUPYTER_PATH``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import notebook_dir

__all__ = ["DASHBOARD_NOTEBOOK", "voila_command", "voila_environment", "main"]

DASHBOARD_NOTEBOOK = "dashboard.ipynb"
_JUPYTER_PATH = Path(__file__).resolve().parent / "templates" / "jupyter"


def voila_command(port: int = 8866, notebook: Path | None = None) -> list[str]:
    """The command that serves the dashboard.

    Parameters
    ----------
    port : int
        The loopback port (default 8866).
    notebook : Path, optional
        The notebook to serve (default None: ``dashboard.ipynb`` of the notebook folder).

    Returns
    -------
    list of str
        ``python -m voila ...``: no browser opened, 127.0.0.1 only, the project's template.
    """
    notebook = notebook or notebook_dir() / DASHBOARD_NOTEBOOK
    return [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={int(port)}", "--Voila.ip=127.0.0.1",
            "--template=dialoguelib", "--show_tracebacks=False"]  # fmt: skip


def voila_environment(base: dict | None = None) -> dict:
    """The environment for Voila: ``base`` (default ``os.environ``) with the project's templates first on ``JUPYTER_PATH``."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join([str(_JUPYTER_PATH), *filter(None, [env.get("JUPYTER_PATH")])])
    return env


def main(argv=None) -> int:
    """Serve the dashboard until interrupted (``make dashboard``); returns Voila's exit status."""
    parser = argparse.ArgumentParser(prog="python -m dialoguelib.dashboard", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8866, help="loopback port (default 8866)")
    args = parser.parse_args(argv)
    print(f"Serving the dashboard on http://127.0.0.1:{args.port}/ (Ctrl-C stops it)", flush=True)
    os.execvpe(sys.executable, voila_command(args.port), voila_environment())
    return 0  # not reached: exec replaces this process


if __name__ == "__main__":
    sys.exit(main())
