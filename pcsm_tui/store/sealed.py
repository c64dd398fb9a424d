"""Cache files under `.git/pcsm/` that say what they are for and whether they are whole.

A cache is trusted only when it was written by this pcsm for this repository (its
`context`) and arrived whole: the first line is a JSON header with the context and a
digest of the rest, so a file cut short, written by another pcsm or edited by hand (a
finding taken out, a verdict changed to "it reads") is read as no cache at all and then
rebuilt. Writing goes through a temporary file and a rename, so a reader never sees half.
Failing to read or write a cache is never a failure of what it speeds up.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path


def read_sealed(path: Path, context: str) -> object | None:
    """The JSON body kept at `path` for `context`; None for anything else (no file,
    another context, a digest that does not fit, not JSON)."""
    try:
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("context") != context:
            return None
        if header.get("digest") != _digest(body):
            return None
        kept: object = json.loads(body)
    except (OSError, ValueError):
        return None
    return kept


def write_sealed(path: Path, context: str, data: object) -> bool:
    """Write `data` at `path` with its header; False when it could not be written."""
    body = json.dumps(data)
    head = json.dumps({"context": context, "digest": _digest(body)})
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(f"{head}\n{body}", encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
