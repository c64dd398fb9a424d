"""Field descriptions from the models' attribute docstrings, read on demand.

Pydantic can collect these at class creation (`use_attribute_docstrings`), but that parses
every model's source at import and costs start-up time the app cannot spare. The schemas
and the editors' help read them here, only when they are wanted.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import typing
from functools import cache

from pydantic import BaseModel


@cache
def _class_docs(cls: type) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    tree = ast.parse(source)
    if not tree.body or not isinstance(tree.body[0], ast.ClassDef):
        return {}
    docs: dict[str, str] = {}
    body = tree.body[0].body
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> its docstring, including inherited fields."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel:
            docs.update(_class_docs(cls))
    return {name: text for name, text in docs.items() if name in model.model_fields}


def add_descriptions(schema: dict[str, object], model: type[BaseModel]) -> None:
    """Fill `description` of the schema's properties (and its $defs) from docstrings."""
    _describe(schema, model)
    defs = schema.get("$defs")
    if isinstance(defs, dict):
        for cls in _nested_models(model):
            sub = defs.get(cls.__name__)
            if isinstance(sub, dict):
                _describe(sub, cls)


def _describe(schema: dict[str, object], model: type[BaseModel]) -> None:
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return
    for name, text in field_docs(model).items():
        prop = properties.get(name)
        if isinstance(prop, dict) and "description" not in prop:
            prop["description"] = text
    if model.__doc__ and "description" not in schema:
        schema["description"] = inspect.cleandoc(model.__doc__)


def _nested_models(model: type[BaseModel]) -> set[type[BaseModel]]:

    found: set[type[BaseModel]] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        for info in current.model_fields.values():
            stack = [info.annotation]
            while stack:
                annotation = stack.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    if annotation not in found:
                        found.add(annotation)
                        todo.append(annotation)
                else:
                    stack.extend(typing.get_args(annotation))
    return found
