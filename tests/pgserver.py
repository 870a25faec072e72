"""A throwaway PostgreSQL server for the tests: Debian's `postgresql` package, started in a
temporary folder, listening only on a Unix socket there, stopped and removed afterwards.

PostgreSQL refuses to run as root, so as root (CI) the server runs as `nobody`; the tests talk
to it with `psql` as the `postgres` superuser over the socket (trust authentication: nothing
else can reach it). Missing binaries are a failure, never a skip: the README's test command
installs the package.
"""

from __future__ import annotations

import csv
import glob
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found or shutil.which("psql") is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install -y postgresql "
                           "(the README's test command does)")
    return Path(found[-1]).parent


class Server:
    def __init__(self) -> None:
        self.bin = binaries()
        self.root = Path(tempfile.mkdtemp(prefix="perfdsl-pg-"))
        self.data = self.root / "data"
        self.port = "54329"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "nobody", "nogroup")
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                   "--no-sync", "-E", "UTF8", "--locale", "C"])
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l",
                   str(self.root / "log"), "-o",
                   f"-p {self.port} -k {self.root} -c listen_addresses='' -c fsync=off", "start"])

    def _run(self, command: list[str]) -> None:
        if self.as_root:
            command = ["runuser", "-u", "nobody", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def psql(self, sql: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            ["psql", "-h", str(self.root), "-p", self.port, "-U", "postgres", "-d", "postgres",
             "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
            input=stdin, capture_output=True, text=True, encoding="utf-8")
        if result.returncode != 0:
            raise RuntimeError(result.stderr)
        return result.stdout

    def rows(self, query: str) -> list[dict[str, str | None]]:
        """The rows of a query, every value as PostgreSQL prints it (NULL as '')."""
        out = self.psql(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER, FORCE_QUOTE *)")
        reader = csv.reader(io.StringIO(out))
        header = next(reader)
        return [dict(zip(header, row)) for row in reader]

    def load(self, table: str, columns: list[str], rows: list[list[object]]) -> None:
        """COPY rows into a table (None as NULL)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(["\\N" if v is None else v for v in row])
        names = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
        self.psql(f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
                  stdin=buffer.getvalue())

    def stop(self) -> None:
        try:
            self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
