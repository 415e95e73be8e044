"""The explorers as a no-code app: Voila serves ``notebooks/dashboard.ipynb`` on loopback, code hidden.

``make dashboard`` runs ``python -m dialoguelib.runs.dashboard``. Voila renders with the project's
template (``templates/jupyter/voila/templates/dialoguelib``: Voila's lab page with nothing
fetched from a CDN), found through ``JUPYTER_PATH``, and reads the project's Voila configuration
(``templates/jupyter/voila.json``) and no other:

- every page load starts a kernel (about 200 MB); :class:`DashboardKernelManager` shuts it down when
  the page goes away (its last websocket closes, after a short grace for a reconnection), starts at
  most ``max_kernels`` at once (``--max-kernels``; a page beyond gets a 503), and the culler ends
  a kernel that no page ever connected to once it is idle;
- requests must name the server by a loopback address or ``localhost`` in their ``Host`` header
  (Voila's own app does not check it), so a page on another site that rebinds its name to
  127.0.0.1 gets a 403, not a kernel;
- charts are not typeset as LaTeX (the template sets plotly.js's ``typesetMath`` off): a text with
  two dollar amounts ("$5 million and $6 million") is shown as written.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

from ..config import notebook_dir

__all__ = [
    "DASHBOARD_NOTEBOOK",
    "MAX_KERNELS",
    "voila_command",
    "voila_environment",
    "port_in_use",
    "main",
]

DASHBOARD_NOTEBOOK = "dashboard.ipynb"
MAX_KERNELS = 4  # pages open at once (each holds a kernel of about 200 MB)
_JUPYTER_PATH = Path(__file__).resolve().parents[1] / "templates" / "jupyter"


def voila_command(
    port: int = 8866, notebook: Path | None = None, max_kernels: int = MAX_KERNELS, options: tuple[str, ...] = ()
) -> list[str]:
    """The command that serves the dashboard.

    Parameters
    ----------
    port : int
        The loopback port (default 8866).
    notebook : Path, optional
        The notebook to serve (default None: ``dashboard.ipynb`` of the notebook folder).
    max_kernels : int
        Pages served at once, each with its kernel (default :data:`MAX_KERNELS`).
    options : tuple of str
        More Voila options, e.g. ``--DashboardKernelManager.release_after=1`` (default none).

    Returns
    -------
    list of str
        ``python -m voila ...``: no browser opened, 127.0.0.1 only, the project's template and
        configuration (``templates/jupyter/voila.json``: kernel manager, culling, Host check).
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
        f"--Voila.config_file_paths={_JUPYTER_PATH}",  # this configuration only (not one in the working directory)
        f"--DashboardKernelManager.max_kernels={int(max_kernels)}",
        *options,
    ]


def _kernel_manager_class():
    """:class:`DashboardKernelManager`, made on first use: it needs jupyter_server (the 'dashboard' extra)."""
    import asyncio

    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from tornado import web
    from tornado.ioloop import IOLoop
    from traitlets import Float, Integer

    class DashboardKernelManager(AsyncMappingKernelManager):
        """Voila's kernel manager, bounded: at most ``max_kernels`` kernels, each shut down when its page goes away."""

        max_kernels = Integer(MAX_KERNELS, config=True, help="Kernels (pages) at once; a page beyond gets a 503.")
        release_after = Float(10.0, config=True, help="Seconds after a kernel's last connection closes before it is shut down.")
        _starting = 0

        async def start_kernel(self, *args, **kwargs):
            if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
                raise web.HTTPError(
                    503,
                    reason=f"{self.max_kernels} dashboard pages are open; close one and reload",
                )
            self._starting += 1
            try:
                return await super().start_kernel(*args, **kwargs)
            finally:
                self._starting -= 1

        def notify_disconnect(self, kernel_id):
            super().notify_disconnect(kernel_id)
            if kernel_id in self and self._kernel_connections.get(kernel_id, 0) <= 0:
                IOLoop.current().call_later(self.release_after, lambda: asyncio.ensure_future(self._release(kernel_id)))

        async def _release(self, kernel_id):
            """Shut the kernel down if its page has not come back (no connection since it closed)."""
            if kernel_id in self and self._kernel_connections.get(kernel_id, 0) <= 0:
                self.log.info("Shutting down kernel %s: its page went away", kernel_id)
                await self.shutdown_kernel(kernel_id)

    DashboardKernelManager.__module__ = __name__
    return DashboardKernelManager


def __getattr__(name: str):
    # Voila imports the kernel manager by name (templates/jupyter/voila.json); it is made only then
    if name == "DashboardKernelManager":
        cls = _kernel_manager_class()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def voila_environment(base: dict | None = None) -> dict:
    """The environment for Voila: ``base`` (default ``os.environ``) with the project's templates first on ``JUPYTER_PATH``."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join([str(_JUPYTER_PATH), *filter(None, [env.get("JUPYTER_PATH")])])
    return env


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {value!r}")
    return int(value)


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
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
    parser.add_argument(
        "--max-kernels",
        type=_count,
        default=MAX_KERNELS,
        help=f"pages served at once, each with a kernel of about 200 MB (default {MAX_KERNELS})",
    )
    args = parser.parse_args(argv)
    if port_in_use(args.port):
        print(
            f"error: port {args.port} on 127.0.0.1 is in use; choose another, e.g. make dashboard DASHBOARD_PORT=8867 "
            f"(or --port 8867)",
            file=sys.stderr,
        )
        return 2
    print(f"Serving the dashboard on http://127.0.0.1:{args.port}/ (Ctrl-C stops it)", flush=True)
    os.execvpe(sys.executable, voila_command(args.port, max_kernels=args.max_kernels), voila_environment())
    return 0  # not reached: exec replaces this process


if __name__ == "__main__":
    sys.exit(main())
