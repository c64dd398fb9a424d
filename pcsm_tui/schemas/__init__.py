"""JSON Schemas of every file kind, for editors and for other tools reading the files.

Two sets: the package's (in `json/` beside this module, shipped with pcsm, and copied to
`schemas/` at the top of the source tree) serve every repository, so they leave the
scales' ranges out; a repository's own set (see `editor.py`) is rendered with its scales.
Both are generated from the models; `pcsm schemas --check` catches a stale copy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from ..framework.catalogue import FILE_MODELS
from ..models.docs import add_descriptions
from ..models.scales import Scale
from .shape import reshape


def default_schema_dir() -> Path:
    """`schemas/` at the top of the source tree (absent in an installed pcsm)."""
    return Path(__file__).resolve().parent.parent.parent / "schemas"


def package_schema_dir() -> Path:
    """The schemas shipped inside the package."""
    return Path(__file__).resolve().parent / "json"


def shipped_digest() -> str:
    """A short digest of the package's schemas: it changes whenever the models do (the
    package's copy is kept current by `pcsm schemas --check`), and costs no schema work."""
    digest = hashlib.sha256()
    for path in sorted(package_schema_dir().glob("*.schema.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def render_schemas(scales: Mapping[str, Scale] | None = None) -> dict[str, str]:
    """File name -> schema text, for every file kind; with `scales`, ranges are checked."""
    key = None if scales is None else tuple(sorted(scales.items()))
    return dict(_render(key))


@cache
def _render(key: tuple[tuple[str, Scale], ...] | None) -> dict[str, str]:
    """Rendering costs about half a second (the models' schemas and field docs); a process
    that creates many repositories (the tests, a demo) renders each set of scales once."""

    out: dict[str, str] = {}
    for kind, model in sorted(FILE_MODELS.items()):
        schema = model.model_json_schema(mode="validation")
        add_descriptions(schema, model)
        schema = reshape(schema, dict(key) if key is not None else None)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"pcsm:{kind}"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path, scales: Mapping[str, Scale] | None = None) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    rendered = render_schemas(scales)
    for name, text in rendered.items():
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text:
            (folder / name).write_text(text, encoding="utf-8")
    for stale in folder.glob("*.schema.json"):
        if stale.name not in rendered:
            stale.unlink()
    return sorted(rendered)


def check_schemas(folder: Path, scales: Mapping[str, Scale] | None = None) -> list[str]:
    """Names of schemas that are missing, different, or no longer produced."""
    rendered = render_schemas(scales)
    stale = [
        name
        for name, text in rendered.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    if folder.is_dir():
        stale += [p.name for p in folder.glob("*.schema.json") if p.name not in rendered]
    return sorted(stale)
