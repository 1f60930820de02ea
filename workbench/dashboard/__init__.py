"""The review dashboard: a Streamlit multipage app over the store.

``run(db)`` starts ``python -m streamlit run app.py`` headless on localhost; the
store path reaches the app as ``-- --db DB`` and ``$WORKBENCH_DB``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workbench.backends import normalise_target

__all__ = ["app_path", "command", "run"]


def app_path() -> Path:
    """The Streamlit entry script of the dashboard."""
    return Path(__file__).with_name("app.py")


def command(
    db: str, *, port: int = 8501, address: str = "127.0.0.1", max_mb: float = 20.0
) -> list[str]:
    """The ``streamlit run`` command line that serves the dashboard for ``db``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path()),
        "--server.headless",
        "true",
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.maxUploadSize",
        str(max(1, int(max_mb))),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--",
        "--db",
        str(db),
    ]


def run(db: str, *, port: int = 8501, address: str = "127.0.0.1", max_mb: float = 20.0) -> int:
    """Serve the dashboard for ``db`` until interrupted; the Streamlit exit code.

    Refused (InvalidInputError) on a non-loopback address without a reviewers file.
    """
    from workbench.identity import check_serving

    check_serving(db, address)
    env = dict(os.environ, WORKBENCH_DB=normalise_target(db))
    env["WORKBENCH_MAX_MB"] = str(max_mb)
    argv = command(env["WORKBENCH_DB"], port=port, address=address, max_mb=max_mb)
    try:
        return subprocess.call(argv, env=env)
    except KeyboardInterrupt:
        return 0
