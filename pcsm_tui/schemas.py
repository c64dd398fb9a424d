"""JSON Schemas of every file kind, for editors and for other tools reading the files."""

from __future__ import annotations

import json
from pathlib import Path


def default_schema_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "schemas"


def render_schemas() -> dict[str, str]:
    """File name -> schema text, for every file kind."""
    from .framework.catalogue import FILE_MODELS
    from .models.docs import add_descriptions

    out: dict[str, str] = {}
    for kind, model in sorted(FILE_MODELS.items()):
        schema = model.model_json_schema(mode="validation")
        add_descriptions(schema, model)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"pcsm:{kind}"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    rendered = render_schemas()
    for name, text in rendered.items():
        (folder / name).write_text(text, encoding="utf-8")
    for stale in folder.glob("*.schema.json"):
        if stale.name not in rendered:
            stale.unlink()
    return sorted(rendered)


def check_schemas(folder: Path) -> list[str]:
    """Names of schemas that are missing, different, or no longer produced."""
    rendered = render_schemas()
    stale = [
        name
        for name, text in rendered.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    if folder.is_dir():
        stale += [p.name for p in folder.glob("*.schema.json") if p.name not in rendered]
    return sorted(stale)
