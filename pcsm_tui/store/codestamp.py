"""What identifies this pcsm's code, for the caches in `.git/pcsm/` whose verdicts depend on
its rules (validation findings, which files read): a new pcsm starts them afresh."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def code_stamp() -> str:
    """What identifies this pcsm's validation rules: the name, size and modification time
    of every file of the package (a stat each, no read). A new pcsm, or an edited one in a
    developer's checkout, starts the cache afresh."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".toml", ".json")):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()
