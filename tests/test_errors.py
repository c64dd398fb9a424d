"""One base class for pcsm's errors, one `explain` for their words, exit codes from the class."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

import pcsm_tui
from pcsm_tui.cli import main
from pcsm_tui.errors import FAILED, USAGE, PcsmError, exit_code, explain
from pcsm_tui.models.edit import PathError
from pcsm_tui.store.repository import NotARepository


def _modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(pcsm_tui.__path__, "pcsm_tui.")]


def test_every_pcsm_exception_derives_from_pcsm_error() -> None:
    strays = []
    for name in _modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            mine = cls.__module__ == name and issubclass(cls, BaseException)
            if mine and not issubclass(cls, PcsmError):
                strays.append(f"{name}.{cls.__name__}")
    assert strays == []


class _Risk(BaseModel):
    likelihood: int


def test_explain_gives_the_first_validation_problem_and_where() -> None:
    with pytest.raises(ValidationError) as caught:
        _Risk.model_validate({"likelihood": "many"})
    assert explain(caught.value).startswith("likelihood: ")
    assert "(got 'many')" in explain(caught.value)


def test_explain_never_returns_nothing_and_keeps_keyerror_words() -> None:
    assert explain(RuntimeError("")) == "RuntimeError"
    assert explain(PathError("no row 'x' here")) == "no row 'x' here"
    assert explain(OSError("disk full")) == "disk full"


def test_exit_codes_come_from_the_class(tmp_path: Path) -> None:
    assert exit_code(NotARepository(tmp_path)) == USAGE
    assert exit_code(ValueError("x")) == FAILED
    assert main(["sync", "--repo", str(tmp_path)]) == USAGE
