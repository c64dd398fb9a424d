"""Placeholder patterns of the import rules, as io/ names them: they live in
store/placeholders.py, beside the rules (store/import_rules.py) that compile them."""

from __future__ import annotations

from ..store.placeholders import EXPANDED_LENGTH_MAX as EXPANDED_LENGTH_MAX
from ..store.placeholders import EXPANDED_MAX as EXPANDED_MAX
from ..store.placeholders import PATTERN_MAX as PATTERN_MAX
from ..store.placeholders import TEXT_MAX as TEXT_MAX
from ..store.placeholders import PatternError as PatternError
from ..store.placeholders import compile_placeholders as compile_placeholders
from ..store.placeholders import is_placeholder as is_placeholder
