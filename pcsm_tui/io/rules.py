"""The import rules, as io/'s readers name them: they live in store/import_rules.py (a
repository's import-rules.toml is validated with its other files, below io/)."""

from __future__ import annotations

from ..store.import_rules import RULES_FILE as RULES_FILE
from ..store.import_rules import RULES_MAX_BYTES as RULES_MAX_BYTES
from ..store.import_rules import ImportRules as ImportRules
from ..store.import_rules import RulesError as RulesError
from ..store.import_rules import default_rules as default_rules
from ..store.import_rules import load_rules as load_rules
from ..store.import_rules import normalize as normalize
from ..store.import_rules import rules_findings as rules_findings
