"""The explorers as a no-code app: Voila serves ``notebooks/dashboard.ipynb`` on loopback, code hidden.

``make dashboard`` runs ``python -m dialoguelib.runs.dashboard``. Voila renders with the project's
template (``templates/jupyter/voila/templates/dialoguelib``: Voila's lab page with nothing
fetched from a CDN), found through ``JUPYTER_PATH``.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

from ..config import notebook_dir

__all__ = ["DASHBOARD_NOTEBOOK", "voila_command", "voila_environment", "port_in_use", "main"]

DASHBOARD_NOTEBOOK = "dashboard.ipynb"
_JUPYTER_PATH = Path(__file__).resolve().parents[1] / "templates" / "jupyter"


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
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={int(port)}",
        "--Voila.ip=127.0.0.1",
        "--template=dialoguelib",
        "--show_tracebacks=False",
    ]


def voila_environment(base: dict | None = None) -> dict:
    """The environment for Voila: ``base`` (default ``os.environ``) with the project's templates first on ``JUPYTER_PATH``."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join([str(_JUPYTER_PATH), *filter(None, [env.get("JUPYTER_PATH")])])
    return env


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {value!r}")
    return int(value)


def port_in_use(port: int) -> bool:
    """Whether something already listens on ``127.0.0.1:port`` (Voila would then quietly take the next port)."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def main(argv=None) -> int:
    """Serve the dashboard until interrupted (``make dashboard``).

    Parameters
    ----------
    argv : list of str, optional
        The command line (default None: ``sys.argv[1:]``).

    Returns
    -------
    int
        2 when the port is taken (with an ``error:`` line); otherwise this process becomes Voila.
    """
    parser = argparse.ArgumentParser(prog="python -m dialoguelib.runs.dashboard", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=_port, default=8866, help="loopback port (default 8866)")
    args = parser.parse_args(argv)
    if port_in_use(args.port):
        print(
            f"error: port {args.port} on 127.0.0.1 is in use; choose another, e.g. make dashboard DASHBOARD_PORT=8867 "
            f"(or --port 8867)",
            file=sys.stderr,
        )
        return 2
    print(f"Serving the dashboard on http://127.0.0.1:{args.port}/ (Ctrl-C stops it)", flush=True)
    os.execvpe(sys.executable, voila_command(args.port), voila_environment())
    return 0  # not reached: exec replaces this process


if __name__ == "__main__":
    sys.exit(main())
