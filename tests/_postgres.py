"""A throw-away PostgreSQL server for the store's tests, started from the machine's binaries.

The server lives in a temporary directory and listens on a unix socket only. Run as root,
``initdb`` and ``pg_ctl`` run as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NO_SERVER = "PostgreSQL tests need a PostgreSQL server"
INITDB = ("-A", "trust", "-U", "ocop", "-E", "UTF8", "--no-locale")
START = ("-w", "-t", "60", "start")


def bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, the newest version first."""
    chosen = os.environ.get("OCOP_PG_BIN")
    candidates = [chosen] if chosen else []
    installed = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += [
        str(p) for p in sorted(installed, key=lambda p: int(p.parent.name), reverse=True)
    ]
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        path = Path(candidate)
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    return None


def _as_owner() -> tuple[list[str], int | None, int | None]:
    """The command prefix that runs the server's tools as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            f"{NO_SERVER}: running as root and there is no user 'postgres'"
        ) from None
    runner = shutil.which("runuser") or shutil.which("setpriv")
    if runner is None:
        raise RuntimeError(f"{NO_SERVER}: neither runuser nor setpriv to drop root")
    if runner.endswith("runuser"):
        return [runner, "-u", "postgres", "--"], user.pw_uid, user.pw_gid
    return (
        [runner, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"],
        user.pw_uid,
        user.pw_gid,
    )


@contextmanager
def server() -> Iterator[str]:
    """Start a server; the SQLAlchemy URL of its ``postgres`` database, as user ``ocop``."""
    binaries = bindir()
    if binaries is None:
        raise RuntimeError(f"{NO_SERVER}: no initdb and pg_ctl found (apt-get install postgresql)")
    prefix, uid, gid = _as_owner()
    base = Path(tempfile.mkdtemp(prefix="ocop-pg-"))
    data = base / "data"
    try:
        if uid is not None and gid is not None:
            os.chown(base, uid, gid)
        subprocess.run(
            [*prefix, str(binaries / "initdb"), "-D", str(data), *INITDB],
            check=True,
            capture_output=True,
        )
        options = f"-k {base} -c listen_addresses= -F"
        log = str(base / "log")
        subprocess.run(
            [*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", log, *START],
            check=True,
            capture_output=True,
        )
        try:
            yield f"postgresql+pg8000://ocop@/postgres?unix_sock={base}/.s.PGSQL.5432"
        finally:
            subprocess.run(
                [*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                check=False,
                capture_output=True,
            )
    finally:
        shutil.rmtree(base, ignore_errors=True)
