"""docs/benchmarks.md is written by several commands, each owning one section that starts at its
marker (``<!-- results -->``, ``<!-- pages -->``, ``<!-- load -->``) and ends at the next marker
or the end of the file: a command rewrites its own section and keeps the rest."""

import os
import platform
import re
from pathlib import Path

from django.db import connection

MARKER = re.compile(r"^<!-- (\w+) -->$", re.M)


def write_section(path: Path, name: str, content: str, default_intro: str = "") -> None:
    """Replaces the section ``name`` of ``path`` (added at the end when missing) by ``content``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text() if path.exists() else default_intro
    sections = []  # (name, start, end) of each marked section
    markers = list(MARKER.finditer(text))
    for number, found in enumerate(markers):
        end = markers[number + 1].start() if number + 1 < len(markers) else len(text)
        sections.append((found.group(1), found.start(), end))
    block = f"<!-- {name} -->\n{content.rstrip()}\n\n"
    for section_name, start, end in sections:
        if section_name == name:
            path.write_text(text[:start] + block + text[end:])
            return
    path.write_text(text.rstrip() + "\n\n" + block)


def machine_description():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        database = cursor.fetchone()[0].split(" on ")[0]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "CPU": f"{cpu} ({os.cpu_count()} logical CPUs, nproc)",
        "RAM": memory,
        "Database": database,
        "Python": platform.python_version(),
        "Load average at the start (1, 5, 15 min)": load,
    }
