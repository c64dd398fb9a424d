"""Workbooks as real teams keep them, found by content, in several languages.

A corpus built here (openpyxl writes each workbook in tmp_path; a CSV and an .ods are
written as text and a zip of XML): title blocks and metadata above the table, legends and
notes below or beside, header bands merged over two-row headers, section bands, placeholder,
example and formula-only rows, RACI codes as people type them, transposed grids, levels as
words in many languages. Beside each sample, the exact rows expected after the import.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pcsm_tui.cli import main
from pcsm_tui.framework import default_framework
from pcsm_tui.io.bundle import load_engagement
from pcsm_tui.io.detect import detect
from pcsm_tui.io.detect.raci import read_codes
from pcsm_tui.io.detect.vocab import vocabulary
from pcsm_tui.io.layouts import adapters
from pcsm_tui.io.report import Report
from pcsm_tui.io.rules import default_rules
from pcsm_tui.io.workbook import SheetCells
from pcsm_tui.io.xlsx_import import WorkbookError, _cols_for, apply_import, plan_import
from pcsm_tui.models.adoption import Risks
from pcsm_tui.models.checklists import Challenges
from pcsm_tui.models.commitment import Raci
from pcsm_tui.models.engagement import Register
from pcsm_tui.models.evaluation import Evaluation
from pcsm_tui.models.preparation import EngagementStrategy
from pcsm_tui.models.scales import Scale
from pcsm_tui.store.repository import Repository

from . import corpus as more
from . import corpus_unseen as unseen
from .conftest import git
from .helpers import toml_digests as _files


def _book(title: str) -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    return book, sheet


def _rows(sheet: Worksheet, first_row: int, rows: list[list[Any]], first_col: int = 1) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                sheet.cell(first_row + r, first_col + c, value)


def _import(repo: Repository, path: Path) -> list[str]:
    plan = plan_import(repo, path, "acme")
    lines = plan.preview_lines() + plan.report_lines()
    assert plan.clean, "\n".join(lines)
    apply_import(repo, plan)
    return lines


def _model(repo: Repository, file: str, kind: type[Any]) -> Any:
    data = load_engagement(repo, "acme")
    return data.get(data.rel(file), kind)


# --- samples: each writes a workbook and returns it ----------------------------------------


def register_en(path: Path) -> None:
    """Title, metadata, a header band over two rows, phones as floats, example, legend."""
    book, sheet = _book("Register")
    sheet["A1"] = "Stakeholder Register"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "Project:"
    sheet["B2"] = "CRM rollout"
    sheet["A3"] = "Prepared by:"
    sheet["B3"] = "PMO"
    _rows(sheet, 5, [["#", "Stakeholder name", "Role", "Department", "Contact info", None]])
    sheet.merge_cells("E5:F5")
    for col in "ABCD":
        sheet.merge_cells(f"{col}5:{col}6")
    _rows(sheet, 6, [[None, None, None, None, "Phone", "Mail"]])
    _rows(
        sheet,
        7,
        [
            [1, "e.g. Jane Doe", "Sponsor", "Finance", 441234567.0, "jane@example.com"],
            [2, "Ana Horvat", "Project sponsor", "Finance", 385911234567.0, "ana@example.com"],
            [3, "Ivo Kos", "Key user", "Sales", None, "ivo@example.com"],
            [4, "[Name of person]", "[Role]", None, None, None],
            [5, "Lea Novak", "IT lead", None, None, None],
        ],
    )
    sheet["A14"] = "Legend"
    sheet["A15"] = "Key users are consulted on every release"
    book.save(path)


REGISTER_EN: list[dict[str, Any]] = [
    {
        "name": "Ana Horvat",
        "job_role": "Project sponsor",
        "contact": "Contact info / Phone: 385911234567\nContact info / Mail: ana@example.com",
        "notes": "Finance",
    },
    {
        "name": "Ivo Kos",
        "job_role": "Key user",
        "contact": "Contact info / Mail: ivo@example.com",
        "notes": "Sales",
    },
    {"name": "Lea Novak", "job_role": "IT lead", "contact": "", "notes": ""},
]


def risks_es(path: Path) -> None:
    """Spanish risk register: A/M/B levels, a phase band, a numbering-formula row."""
    book, sheet = _book("Riesgos")
    sheet["A1"] = "Registro de riesgos del proyecto"
    _rows(
        sheet,
        3,
        [
            ["N°", "Riesgo", "Descripción", "Probabilidad", "Impacto", "Medidas", "Responsable"],
            ["FASE 1", None, None, None, None, None, None],
            [1, "Retraso del proveedor", "Entrega tardía", "A", "M", "Penalizaciones", "Compras"],
            [2, "Baja adopción", None, "Media", "Alta", "Formación", "RR. HH."],
            ["FASE 2", None, None, None, None, None, None],
            [3, "Datos incompletos", "Migración", "B", "Muy alta", None, "TI"],
            ["=ROW()-3", None, None, None, None, None, None],
        ],
    )
    sheet.merge_cells("A4:G4")
    sheet.merge_cells("A7:G7")
    sheet["I3"] = "Leyenda"
    sheet["I4"] = "A = Alta, M = Media, B = Baja"
    book.save(path)


RISKS_ES: list[dict[str, Any]] = [
    {
        "name": "Retraso del proveedor",
        "description": "Entrega tardía",
        "likelihood": 4,
        "severity": 3,
        "strategy": "Penalizaciones",
        "responsible": "Compras",
    },
    {
        "name": "Baja adopción",
        "description": "",
        "likelihood": 3,
        "severity": 4,
        "strategy": "Formación",
        "responsible": "RR. HH.",
    },
    {
        "name": "Datos incompletos",
        "description": "Migración",
        "likelihood": 1,
        "severity": 5,
        "strategy": "",
        "responsible": "TI",
    },
]


def raci_fr(path: Path) -> None:
    """French RACI: `Nom\\n(Rôle)` headers, codes with spaces and words, a legend letter.

    Its sheet is named like pcsm's (RACI) but its headers are the team's own."""
    book, sheet = _book("RACI")
    sheet["A1"] = "Matrice RACI — projet CRM"
    _rows(
        sheet,
        3,
        [
            ["Tâches", "Marie Dupont\n(Chef de projet)", "Paul Martin\n(DSI)", "Équipe vente"],
            ["Phase 1", None, None, None],
            ["Cadrage", "R et A", "C /I", "-"],
            ["Recette", "R ", "A/R", "D"],
            ["Formation", "R,A,C", "A", "I"],
            ["[Entrer une tâche]", None, None, None],
        ],
    )
    sheet.merge_cells("A4:D4")
    sheet["F3"] = "Légende"
    sheet["F4"] = "D = Décideur"
    book.save(path)


RACI_FR: dict[str, Any] = {
    "columns": ["Marie Dupont (Chef de projet)", "Paul Martin (DSI)", "Équipe vente"],
    "activities": [
        ("Cadrage", [{"R", "A"}, {"C", "I"}, set()]),
        ("Recette", [{"R"}, {"R", "A"}, set()]),
        ("Formation", [{"R", "A", "C"}, {"A"}, {"I"}]),
    ],
}


def raci_de_transposed(path: Path) -> None:
    """German, transposed: columns R, A, C, I holding names joined with / and &."""
    book, sheet = _book("Zuständigkeiten")
    _rows(
        sheet,
        2,
        [
            ["Aufgabe", "R", "A", "C", "I"],
            ["Konzept", "Anna", "Ben", "Carla / Dirk", "Team"],
            ["Umsetzung", "Carla & Dirk", "Ben", None, "Anna"],
        ],
    )
    book.save(path)


RACI_DE: dict[str, Any] = {
    "columns": ["Anna", "Ben", "Carla", "Dirk", "Team"],
    "activities": [
        ("Konzept", [{"R"}, {"A"}, {"C"}, {"C"}, {"I"}]),
        ("Umsetzung", [{"I"}, {"A"}, {"R"}, {"R"}, set()]),
    ],
}


def issues_ja(path: Path) -> None:
    """Japanese issue log: an example row marked 例）, a status column, a due date as text."""
    book, sheet = _book("課題管理表")
    sheet["A1"] = "課題管理表"
    _rows(
        sheet,
        3,
        [
            ["No", "課題", "影響", "対応", "担当者", "期限", "ステータス"],
            [None, "例）サーバー不足", "遅延", "追加購入", "山田", "2026-01-10", "完了"],
            [1, "データ移行の遅れ", "稼働延期", "要員追加", "佐藤", "2026-02-01", "完了"],
            [2, "教育資料が未整備", None, "資料作成", "鈴木", None, "対応中"],
        ],
    )
    book.save(path)


ISSUES_JA: list[dict[str, Any]] = [
    {
        "challenge": "データ移行の遅れ",
        "impact": "稼働延期",
        "actions": "要員追加",
        "owner": "佐藤",
        "deadline": "2026-02-01",
        "completed": True,
    },
    {
        "challenge": "教育資料が未整備",
        "impact": "",
        "actions": "資料作成",
        "owner": "鈴木",
        "deadline": None,
        "completed": False,
    },
]


def lessons_ru(path: Path) -> None:
    """Russian lessons learned: two text columns joined into one entry."""
    book, sheet = _book("Уроки")
    sheet["A1"] = "Извлеченные уроки проекта"
    _rows(
        sheet,
        3,
        [
            ["№", "Урок", "Рекомендация"],
            [1, "Обучение начали поздно", "Планировать обучение заранее"],
            [2, "Ключевые пользователи помогли", None],
        ],
    )
    book.save(path)


LESSONS_RU: list[dict[str, Any]] = [
    {
        "category": "lessons-learned",
        "text": "Урок: Обучение начали поздно\nРекомендация: Планировать обучение заранее",
    },
    {"category": "lessons-learned", "text": "Урок: Ключевые пользователи помогли"},
]


def risks_pt_numbers(path: Path) -> None:
    """Portuguese: probability as 0-1 figures, impact on 1-10 (pcsm's risk scale is 0..5)."""
    book, sheet = _book("Riscos")
    _rows(
        sheet,
        1,
        [
            ["Risco", "Probabilidade", "Impacto", "Resposta"],
            ["Atraso na entrega", 0.85, 8, "Plano B"],
            ["Falta de patrocínio", 0.3, 10, "Comitê"],
        ],
    )
    book.save(path)


RISKS_PT: list[dict[str, Any]] = [
    {"name": "Atraso na entrega", "likelihood": 4, "severity": 4, "strategy": "Plano B"},
    {"name": "Falta de patrocínio", "likelihood": 2, "severity": 5, "strategy": "Comitê"},
]


def register_sr_csv(path: Path) -> None:
    """Serbian (Latin) register saved as CSV with semicolons, phone numbers as digits."""
    path.write_text(
        "Spisak zainteresovanih strana;;\n"
        ";;\n"
        "Ime i prezime;Uloga;Telefon\n"
        "Marko Marković;Sponzor;0641234567\n"
        "Jelena Jović;Ključni korisnik;\n",
        encoding="utf-8",
    )


REGISTER_SR: list[dict[str, Any]] = [
    {"name": "Marko Marković", "job_role": "Sponzor", "contact": "0641234567"},
    {"name": "Jelena Jović", "job_role": "Ključni korisnik", "contact": ""},
]


def _ods(path: Path, name: str, rows: list[list[str]], spans: dict[tuple[int, int], int]) -> None:
    """A minimal LibreOffice sheet: rows of text cells, `spans` (row, col) -> columns merged."""
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            span = spans.get((r, c))
            attr = f' table:number-columns-spanned="{span}"' if span else ""
            if text:
                cells.append(
                    f'<table:table-cell office:value-type="string"{attr}><text:p>{text}'
                    "</text:p></table:table-cell>"
                )
            else:
                cells.append("<table:table-cell/>")
        body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    body.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>')
    body.append("</table:table-row>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="{name}">{"".join(body)}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", xml)


def risks_sr_cyrillic_ods(path: Path) -> None:
    """Serbian (Cyrillic) risk register from LibreOffice, with a merged title."""
    _ods(
        path,
        "Ризици",
        [
            ["Регистар ризика", "", "", ""],
            ["", "", "", ""],
            ["Ризик", "Вероватноћа", "Утицај", "Мере"],
            ["Кашњење", "висока", "средња", "Резервни план"],
            ["Отпор корисника", "ниска", "висока", "Обука"],
        ],
        {(0, 0): 4},
    )


RISKS_SR: list[dict[str, Any]] = [
    {"name": "Кашњење", "likelihood": 4, "severity": 3, "strategy": "Резервни план"},
    {"name": "Отпор корисника", "likelihood": 1, "severity": 4, "strategy": "Обука"},
]


def risks_en_ids(path: Path) -> None:
    """English risk log: an id column, no `Risk` column (the description names the risk),
    H/M/L codes, a colour legend above the table and notes below."""
    book, sheet = _book("Risk Log")
    sheet["A1"] = "Project risk log"
    sheet["A2"] = "Red = high, amber = medium, green = low"
    _rows(
        sheet,
        4,
        [
            ["Risk ID", "Risk Description", "Probability", "Impact", "Mitigation", "Owner"],
            ["R-001", "Key user unavailable", "H", "M", "Backup user", "PMO"],
            ["R-002", "Licence delay", "L", "H", "Order early", "IT"],
        ],
    )
    sheet["A9"] = "Notes: review weekly"
    book.save(path)


RISKS_EN: list[dict[str, Any]] = [
    {
        "name": "Key user unavailable",
        "likelihood": 4,
        "severity": 3,
        "strategy": "Backup user",
        "responsible": "PMO",
    },
    {
        "name": "Licence delay",
        "likelihood": 1,
        "severity": 4,
        "strategy": "Order early",
        "responsible": "IT",
    },
]


def stakeholders_de(path: Path) -> None:
    """German stakeholder analysis: the department in the notes, influence, interest and
    attitude into the plan's month (tests/test_import_figures.py), a department merged down
    over two people."""
    book, sheet = _book("Stakeholderanalyse")
    sheet["B1"] = "Stakeholderanalyse Projekt ERP"
    _rows(
        sheet,
        3,
        [
            ["Name", "Abteilung", "Rolle", "Einfluss", "Interesse", "Haltung"],
            ["Klaus Weber", "Vertrieb", "Vertriebsleiter", "hoch", "mittel", "positiv"],
            ["Eva Braun", None, "Key User", "niedrig", "hoch", "neutral"],
        ],
        first_col=2,
    )
    sheet.merge_cells("C4:C5")
    book.save(path)


STAKEHOLDERS_DE: list[dict[str, Any]] = [
    {
        "name": "Klaus Weber",
        "job_role": "Vertriebsleiter",
        "notes": "Vertrieb",
    },
    {
        "name": "Eva Braun",
        "job_role": "Key User",
        "notes": "Vertrieb",
    },
]


def issues_en(path: Path) -> None:
    """English issue log: `Description` names the issue, `Status` Open/Closed, due dates."""
    book, sheet = _book("Issues")
    _rows(
        sheet,
        1,
        [
            ["Issue #", "Description", "Owner", "Due date", "Status", "Resolution"],
            [1, "Test data missing", "QA", dt.date(2026, 3, 2), "Closed", "Copied from prod"],
            [2, "Slow VPN", "IT", None, "Open", None],
        ],
    )
    book.save(path)


ISSUES_EN: list[dict[str, Any]] = [
    {
        "challenge": "Test data missing",
        "owner": "QA",
        "deadline": "2026-03-02",
        "completed": True,
        "actions": "Copied from prod",
    },
    {"challenge": "Slow VPN", "owner": "IT", "deadline": None, "completed": False, "actions": ""},
]


# --- the corpus: each sample with its expected rows -----------------------------------------

Check = Callable[[Repository], Any]


def _rows_of(items: list[Any], keys: list[str]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        data = item.model_dump(mode="json")
        out.append({k: data[k] for k in keys})
    return out


def _register(repo: Repository) -> list[Any]:
    return list(_model(repo, "stakeholders.toml", Register).stakeholders)


def _risks(repo: Repository) -> list[Any]:
    return list(_model(repo, "risks.toml", Risks).risks)


def _raci(repo: Repository) -> dict[str, Any]:
    matrix = _model(repo, "raci.toml", Raci).matrices[0]
    return {
        "columns": [c.title or c.id for c in matrix.columns],
        "activities": [
            (a.name, [set(a.cells.get(c.id, frozenset())) for c in matrix.columns])
            for a in matrix.activities
        ],
    }


CORPUS: list[tuple[str, Callable[[Path], None], str, Check, Any]] = [
    (
        "register_en.xlsx",
        register_en,
        "en",
        lambda r: _rows_of(_register(r), list(REGISTER_EN[0])),
        REGISTER_EN,
    ),
    ("riesgos.xlsx", risks_es, "es", lambda r: _rows_of(_risks(r), list(RISKS_ES[0])), RISKS_ES),
    ("matrice.xlsx", raci_fr, "fr", _raci, RACI_FR),
    ("raci_de.xlsx", raci_de_transposed, "de", _raci, RACI_DE),
    (
        "kadai.xlsx",
        issues_ja,
        "ja",
        lambda r: _rows_of(
            list(_model(r, "challenges.toml", Challenges).challenges), list(ISSUES_JA[0])
        ),
        ISSUES_JA,
    ),
    (
        "uroki.xlsx",
        lessons_ru,
        "ru",
        lambda r: _rows_of(
            list(_model(r, "evaluation.toml", Evaluation).entries), ["category", "text"]
        ),
        LESSONS_RU,
    ),
    (
        "riscos.xlsx",
        risks_pt_numbers,
        "pt",
        lambda r: _rows_of(_risks(r), list(RISKS_PT[0])),
        RISKS_PT,
    ),
    (
        "spisak.csv",
        register_sr_csv,
        "sr",
        lambda r: _rows_of(_register(r), list(REGISTER_SR[0])),
        REGISTER_SR,
    ),
    (
        "rizici.ods",
        risks_sr_cyrillic_ods,
        "sr",
        lambda r: _rows_of(_risks(r), list(RISKS_SR[0])),
        RISKS_SR,
    ),
    (
        "risk_log.xlsx",
        risks_en_ids,
        "en",
        lambda r: _rows_of(_risks(r), list(RISKS_EN[0])),
        RISKS_EN,
    ),
    (
        "stakeholder_de.xlsx",
        stakeholders_de,
        "de",
        lambda r: _rows_of(_register(r), list(STAKEHOLDERS_DE[0])),
        STAKEHOLDERS_DE,
    ),
    (
        "issues_en.xlsx",
        issues_en,
        "en",
        lambda r: _rows_of(
            list(_model(r, "challenges.toml", Challenges).challenges), list(ISSUES_EN[0])
        ),
        ISSUES_EN,
    ),
]


def _challenges(keys: list[str]) -> Check:
    return lambda r: _rows_of(list(_model(r, "challenges.toml", Challenges).challenges), keys)


def _lessons(repo: Repository) -> list[dict[str, Any]]:
    entries = _model(repo, "evaluation.toml", Evaluation).entries
    return _rows_of(list(entries), ["category", "text"])


CORPUS += [
    ("raci_en.xlsx", more.raci_en_banded, "en", _raci, more.RACI_EN_BANDED),
    ("matriz.xlsx", more.raci_es_transposed, "es", _raci, more.RACI_ES),
    ("matriz_raci.ods", more.raci_pt_ods, "pt", _raci, more.RACI_PT),
    ("raci_ja.xlsx", more.raci_ja, "ja", _raci, more.RACI_JA),
    ("otvetstvennost.xlsx", more.raci_ru_transposed, "ru", _raci, more.RACI_RU),
    (
        "registre.xlsx",
        more.register_fr,
        "fr",
        lambda r: _rows_of(_register(r), list(more.REGISTER_FR[0])),
        more.REGISTER_FR,
    ),
    (
        "interesados.ods",
        more.register_es_ods,
        "es",
        lambda r: _rows_of(_register(r), list(more.REGISTER_ES[0])),
        more.REGISTER_ES,
    ),
    (
        "partes.csv",
        more.register_pt_csv,
        "pt",
        lambda r: _rows_of(_register(r), list(more.REGISTER_PT[0])),
        more.REGISTER_PT,
    ),
    (
        "offene_punkte.xlsx",
        more.issues_de,
        "de",
        _challenges(list(more.ISSUES_DE[0])),
        more.ISSUES_DE,
    ),
    (
        "problemes.csv",
        more.issues_fr_csv,
        "fr",
        _challenges(list(more.ISSUES_FR[0])),
        more.ISSUES_FR,
    ),
    (
        "problemy.csv",
        more.issues_ru_csv,
        "ru",
        _challenges(list(more.ISSUES_RU[0])),
        more.ISSUES_RU,
    ),
    (
        "risques.xlsx",
        more.risks_fr,
        "fr",
        lambda r: _rows_of(_risks(r), list(more.RISKS_FR[0])),
        more.RISKS_FR,
    ),
    (
        "risuku.xlsx",
        more.risks_ja,
        "ja",
        lambda r: _rows_of(_risks(r), list(more.RISKS_JA[0])),
        more.RISKS_JA,
    ),
    (
        "riski.ods",
        more.risks_ru_ods,
        "ru",
        lambda r: _rows_of(_risks(r), list(more.RISKS_RU[0])),
        more.RISKS_RU,
    ),
    (
        "risks_en.csv",
        more.risks_en_csv,
        "en",
        lambda r: _rows_of(_risks(r), list(more.RISKS_EN_CSV[0])),
        more.RISKS_EN_CSV,
    ),
    ("lecciones.xlsx", more.lessons_es, "es", _lessons, more.LESSONS_ES),
    ("erkenntnisse.csv", more.lessons_de_csv, "de", _lessons, more.LESSONS_DE),
]


def _register_rows(expected: list[dict[str, Any]]) -> Check:
    return lambda r: _rows_of(_register(r), list(expected[0]))


def _risk_rows(expected: list[dict[str, Any]]) -> Check:
    return lambda r: _rows_of(_risks(r), list(expected[0]))


def _side_by_side(repo: Repository) -> dict[str, Any]:
    expected = unseen.LOG_EN_SIDE_BY_SIDE
    return {
        "challenges": _challenges(list(expected["challenges"][0]))(repo),
        "risks": _risk_rows(expected["risks"])(repo),
    }


# Workbooks written to be unlike the ones above (tests/corpus_unseen.py): each failed to
# import, or imported wrong, before the general rule it names was fixed.
CORPUS += [
    ("raci_pmo.xlsx", unseen.raci_pmo, "en", _raci, unseen.RACI_PMO),
    ("equipos.xlsx", unseen.raci_es_legend, "es", _raci, unseen.RACI_ES_LEGEND),
    ("roles.xlsx", unseen.raci_en_transposed, "en", _raci, unseen.RACI_EN_TRANSPOSED),
    (
        "analyse.xlsx",
        unseen.stakeholders_de_analysis,
        "de",
        _register_rows(unseen.STAKEHOLDERS_DE_ANALYSIS),
        unseen.STAKEHOLDERS_DE_ANALYSIS,
    ),
    (
        "registar.xlsx",
        unseen.register_sr_cyrillic,
        "sr",
        _register_rows(unseen.REGISTER_SR_CYRILLIC),
        unseen.REGISTER_SR_CYRILLIC,
    ),
    (
        "engagement.ods",
        unseen.engagement_en_ods,
        "en",
        _register_rows(unseen.ENGAGEMENT_EN),
        unseen.ENGAGEMENT_EN,
    ),
    (
        "riscos_formula.xlsx",
        unseen.risks_pt_formula,
        "pt",
        _risk_rows(unseen.RISKS_PT_FORMULA),
        unseen.RISKS_PT_FORMULA,
    ),
    (
        "reestr.xlsx",
        unseen.risks_ru_merged,
        "ru",
        _risk_rows(unseen.RISKS_RU_MERGED),
        unseen.RISKS_RU_MERGED,
    ),
    (
        "rizici_lat.xlsx",
        unseen.risks_sr_latin,
        "sr",
        _risk_rows(unseen.RISKS_SR_LATIN),
        unseen.RISKS_SR_LATIN,
    ),
    (
        "risques_cp1252.csv",
        unseen.risks_fr_cp1252,
        "fr",
        _risk_rows(unseen.RISKS_FR_CP1252),
        unseen.RISKS_FR_CP1252,
    ),
    (
        "kanri.xlsx",
        unseen.issues_ja_kanri,
        "ja",
        _challenges(list(unseen.ISSUES_JA_KANRI[0])),
        unseen.ISSUES_JA_KANRI,
    ),
    (
        "incidencias.csv",
        unseen.issues_es_csv,
        "es",
        _challenges(list(unseen.ISSUES_ES_CSV[0])),
        unseen.ISSUES_ES_CSV,
    ),
    ("retex.xlsx", unseen.lessons_fr_retex, "fr", _lessons, unseen.LESSONS_FR_RETEX),
    ("log.xlsx", unseen.log_en_side_by_side, "en", _side_by_side, unseen.LOG_EN_SIDE_BY_SIDE),
    (
        "risk_repeat.xlsx",
        unseen.risks_en_repeated,
        "en",
        _risk_rows(unseen.RISKS_EN_REPEATED),
        unseen.RISKS_EN_REPEATED,
    ),
    (
        "risiko.xlsx",
        unseen.risks_de_codes,
        "de",
        _risk_rows(unseen.RISKS_DE_CODES),
        unseen.RISKS_DE_CODES,
    ),
    (
        "risk_levels.xlsx",
        unseen.risks_en_word_and_figure,
        "en",
        _risk_rows(unseen.RISKS_EN_WORD_AND_FIGURE),
        unseen.RISKS_EN_WORD_AND_FIGURE,
    ),
    ("scrum.xlsx", unseen.raci_en_scrum, "en", _raci, unseen.RACI_EN_SCRUM),
    (
        "scale_above.xlsx",
        unseen.risks_en_scale_above,
        "en",
        _risk_rows(unseen.RISKS_EN_SCALE_ABOVE),
        unseen.RISKS_EN_SCALE_ABOVE,
    ),
    (
        "issues_mx.xlsx",
        unseen.issues_es_mx,
        "es",
        _challenges(list(unseen.ISSUES_ES_MX[0])),
        unseen.ISSUES_ES_MX,
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "language", "check", "expected"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_corpus_imports_exactly_the_expected_rows(
    repo: Repository,
    tmp_path: Path,
    name: str,
    make: Callable[[Path], None],
    language: str,
    check: Check,
    expected: Any,
) -> None:
    path = tmp_path / name
    make(path)
    _import(repo, path)
    assert check(repo) == expected


def test_rows_a_team_sheet_does_not_number_get_the_next_numbers(
    repo: Repository, tmp_path: Path
) -> None:
    """A register without a number column: each imported risk gets the next number, as a
    row added in the app does (never 1 for all)."""
    path = tmp_path / "risks.csv"
    path.write_text(
        "Risk,Likelihood,Impact\nScope creep,High,Medium\nLate data,Low,High\n"
        "Key user leaves,Medium,Medium\n",
        encoding="utf-8",
    )
    _import(repo, path)
    assert [(risk.no, risk.name) for risk in _risks(repo)] == [
        (1, "Scope creep"),
        (2, "Late data"),
        (3, "Key user leaves"),
    ]


def test_the_corpus_shows_every_feature_in_three_languages() -> None:
    """Issue 18: at least 25 workbooks, every feature of its list in three languages."""
    language = {name: lang for name, _make, lang, _check, _expected in CORPUS}
    assert len(language) == len(CORPUS) >= 25
    features = {
        f: [*names, *unseen.UNSEEN_FEATURES.get(f, [])] for f, names in more.FEATURES.items()
    }
    assert set(unseen.UNSEEN_FEATURES) <= set(features)
    for feature, names in features.items():
        assert set(names) <= set(language), feature
        assert len({language[n] for n in names}) >= 3, feature


# --- what the preview says, and what is refused ---------------------------------------------


def test_preview_says_where_which_tool_mapping_and_skips_and_writes_nothing(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "riesgos.xlsx"
    risks_es(path)
    before = _files(repo.root)
    plan = plan_import(repo, path, "acme")
    assert _files(repo.root) == before
    lines = plan.preview_lines()
    assert lines[0].startswith("'Riesgos'!A3:G9: risk register -> risks (confidence 0.99; ")
    assert "'Probabilidad'=likelihood" in lines[0] and "'Impacto'=severity" in lines[0]
    assert lines[1] == "  rows: 3 read, 3 skipped"
    assert "  value: likelihood: 'A' -> 4" in lines
    assert "  value: severity: 'Muy alta' -> 5" in lines
    notes = [str(p) for p in plan.report.notes]
    assert "Riesgos!4: skipped: section band 'FASE 1'" in notes
    assert "Riesgos!7: skipped: section band 'FASE 2'" in notes
    assert "Riesgos!9: skipped: formulas only, no values" in notes
    head = git(repo.root, "rev-parse", "HEAD").strip()
    apply_import(repo, plan)
    assert git(repo.root, "rev-list", "--count", f"{head}..HEAD").strip() == "1"


def test_raci_codes_legend_letters_and_several_as_are_reported(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "matrice.xlsx"
    raci_fr(path)
    plan = plan_import(repo, path, "acme")
    notes = [str(p) for p in plan.report.notes]
    assert "RACI!D6: 'D' is not a RACI letter (the legend says: Décideur); left out" in notes
    assert any(n.startswith("RACI!7: 2 A's on this task") for n in notes), notes
    assert "  value: RACI code 'R et A' -> R/A" in plan.preview_lines()
    assert "RACI!4: skipped: section band 'Phase 1'" in notes
    assert "RACI!8: skipped: placeholder row" in notes


def test_a_legend_cell_defining_several_letters_and_no_legend_from_the_grid(
    repo: Repository, tmp_path: Path
) -> None:
    """`S = Soporte, P = Participa, N = No participa` in one cell gives each letter its
    meaning; a code beside a code inside the grid (`P` then `C /I`) is never a legend."""
    path = tmp_path / "equipos.xlsx"
    unseen.raci_es_legend(path)
    notes = [str(p) for p in plan_import(repo, path, "acme").report.notes]
    assert "Matriz!D2: 'S' is not a RACI letter (the legend says: Soporte); left out" in notes
    assert "Matriz!D3: 'P' is not a RACI letter (the legend says: Participa); left out" in notes
    assert any(n.startswith("Matriz!3: 2 A's on this task") for n in notes), notes


def test_a_title_block_and_numbering_columns_are_said_as_such(
    repo: Repository, tmp_path: Path
) -> None:
    """The project-details row above a template's grid is named as skipped; `Р.бр.` and
    `N.º` are numbering columns, not columns pcsm failed to recognise."""
    notes: list[str] = []
    for name, make in (
        ("raci_pmo.xlsx", unseen.raci_pmo),
        ("registar.xlsx", unseen.register_sr_cyrillic),
        ("incidencias.csv", unseen.issues_es_csv),
    ):
        path = tmp_path / name
        make(path)
        notes += [str(p) for p in plan_import(repo, path, "acme").report.notes]
    assert "RACI Chart!2: skipped: title or project details above the table" in notes
    assert "RACI Chart!6: skipped: section band 'INITIATION'" in notes
    assert "RACI Chart!12: skipped: placeholder row" in notes
    assert not [n for n in notes if "not recognised" in n], notes


def test_a_probability_times_impact_column_is_said_to_combine_the_two(
    repo: Repository, tmp_path: Path
) -> None:
    """The sheet's own `Probabilidade x Impacto`: both of its parts are imported, so the
    preview says the column combines them (pcsm works out its own score), not that it
    repeats the likelihood."""
    path = tmp_path / "riscos.xlsx"
    unseen.risks_pt_formula(path)
    notes = [str(p) for p in plan_import(repo, path, "acme").report.notes]
    assert any("'Probabilidade x Impacto' combines likelihood and severity" in n for n in notes), (
        notes
    )


def test_a_repeated_column_is_said_to_repeat_and_no_header_is_refused(
    repo: Repository, tmp_path: Path
) -> None:
    """`Likelihood` again after the mitigation: the first is imported and the second named
    as a repeat, not as a column pcsm did not recognise. Rows with no header row at all are
    refused, saying what was seen."""
    path = tmp_path / "risk_repeat.xlsx"
    unseen.risks_en_repeated(path)
    notes = [str(p) for p in plan_import(repo, path, "acme").report.notes]
    assert (
        "Risk Register!4: column 'Likelihood' repeats likelihood (column C is imported); "
        "not imported" in notes
    ), notes
    assert "Risk Register!7: skipped: formulas only, no values" in notes
    book, sheet = _book("Sheet1")
    _rows(sheet, 1, [["Ana Souza", "Sponsor", "ana@ex.com"], ["Ivo Lang", "PM", "ivo@ex.com"]])
    _rows(sheet, 3, [["Mia Chen", "Key user", "mia@ex.com"]])
    path = tmp_path / "no_header.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        plan_import(repo, path, "acme")
    assert "not sure enough" in str(caught.value) and "--map" in str(caught.value)
    assert "headers seen: 'Ana Souza', 'Sponsor', 'ana@ex.com'" in str(caught.value)


def _unknown_table(path: Path) -> None:
    book, sheet = _book("Daten")
    _rows(sheet, 1, [["Foo", "Bar", "Baz"], ["1a", "x", "y"], ["2b", "z", "w"]])
    book.save(path)


def test_a_weak_guess_is_refused_with_what_was_seen_and_nothing_is_written(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "daten.xlsx"
    _unknown_table(path)
    before = _files(repo.root)
    with pytest.raises(WorkbookError) as caught:
        plan_import(repo, path, "acme")
    message = str(caught.value)
    assert "'Daten'!A1:C3: not imported — not sure enough" in message
    assert "headers seen: 'Foo', 'Bar', 'Baz'" in message
    assert "--tool" in message
    assert _files(repo.root) == before


def test_a_table_close_to_two_tools_is_not_imported_on_a_guess(
    repo: Repository, tmp_path: Path
) -> None:
    """Only `Owner` and `Impact`: a risk register and an issue log both fit a little."""
    book, sheet = _book("Sheet1")
    _rows(
        sheet, 1, [["Topic", "Owner", "Impact"], ["Budget", "Ana", "High"], ["Scope", "Ivo", "Low"]]
    )
    path = tmp_path / "vague.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError, match="not sure enough"):
        plan_import(repo, path, "acme")


def test_a_plan_is_recognised_and_goes_into_the_strategy(repo: Repository, tmp_path: Path) -> None:
    """Plans were refused until they had a place (tests/test_import_plans.py has more)."""
    book, sheet = _book("Roadmap")
    _rows(
        sheet,
        2,
        [
            ["Task", "Start date", "End date"],
            ["Kick-off", dt.date(2026, 1, 5), dt.date(2026, 1, 6)],
            ["Pilot", dt.date(2026, 2, 1), dt.date(2026, 3, 1)],
        ],
    )
    path = tmp_path / "roadmap.xlsx"
    book.save(path)
    plan = plan_import(repo, path, "acme")
    assert any("plan or roadmap -> strategy" in line for line in plan.preview_lines())
    assert plan.clean and [w.rel for w in plan.writes] == ["engagements/acme/strategy.toml"]


def test_a_plan_with_dates_typed_as_ranges_is_recognised_as_a_plan(
    repo: Repository, tmp_path: Path
) -> None:
    """`Tarea | Fechas | Duración`: one column of date ranges, no start or end column; read as
    a plan (not a weak guess of a RACI matrix) into the strategy's activities, each range
    split into the planned start and end."""
    path = tmp_path / "plan.xlsx"
    unseen.plan_es_text_dates(path)
    plan = plan_import(repo, path, "acme")
    assert any("plan or roadmap -> strategy" in line for line in plan.preview_lines())
    apply_import(repo, plan)
    data = load_engagement(repo, "acme")
    strategy = data.get(data.rel("strategy.toml"), EngagementStrategy)
    assert [(a.name, a.planned_start, a.planned_end, a.completed) for a in strategy.activities] == [
        ("Análisis", dt.date(2021, 3, 2), dt.date(2021, 3, 3), True),
        ("Pruebas", dt.date(2021, 3, 11), dt.date(2021, 3, 12), False),
    ]


def test_ods_and_csv_import_from_the_shell_and_export_refuses_an_ods_name(
    repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(repo.root)
    ods = tmp_path / "rizici.ods"
    risks_sr_cyrillic_ods(ods)
    assert main(["import", str(ods), "--engagement", "acme", "--repo", root]) == 0
    out = capsys.readouterr()
    assert "risk register -> risks" in out.out
    assert "openpyxl" not in out.err and "Excel" not in out.err
    target = tmp_path / "out.ods"
    assert main(["export", "acme", "--xlsx", str(target), "--repo", root]) == 2
    assert "writes Excel workbooks (.xlsx) only" in capsys.readouterr().err
    assert not target.exists()


def test_an_xlsx_that_is_not_a_zip_says_so(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("Name;Role\nAna;Sponsor\n")
    with pytest.raises(WorkbookError, match="is not an Excel workbook"):
        plan_import(repo, path, "acme")


@given(
    st.lists(st.sampled_from("RACI"), min_size=1, max_size=4, unique=True),
    st.sampled_from(["/", ",", ", ", " / ", " ", " et ", " y ", " und ", "+", "&", ""]),
    st.booleans(),
)
def test_raci_codes_read_back_whatever_the_separator(
    letters: list[str], separator: str, pad: bool
) -> None:
    text = separator.join(letters) + (" " if pad else "")
    codes = read_codes(text, vocabulary())
    assert codes.ok and codes.roles == frozenset(letters) and not codes.others


def test_map_and_values_from_the_shell_read_a_table_the_vocabulary_does_not_know(
    repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(repo.root)
    path = tmp_path / "daten.xlsx"
    _unknown_table(path)
    args = ["import", str(path), "--engagement", "acme", "--repo", root]
    assert main(args) == 2
    assert "headers seen: 'Foo', 'Bar', 'Baz'" in capsys.readouterr().err
    mapped = [*args, "--map", "Foo=challenge", "--map", "Bar=owner", "--map", "Baz=ignore"]
    assert main(mapped) == 0
    assert "issue log -> challenges" in capsys.readouterr().out
    rows = _model(repo, "challenges.toml", Challenges).challenges
    assert [(c.challenge, c.owner) for c in rows] == [("1a", "x"), ("2b", "z")]
    assert main([*args, "--map", "Foo=chalenge"]) == 2
    assert "unknown field 'chalenge'" in capsys.readouterr().err


def test_values_map_words_the_vocabulary_does_not_know(repo: Repository, tmp_path: Path) -> None:
    book, sheet = _book("Risiken")
    _rows(
        sheet,
        1,
        [["Risiko", "Wahrscheinlichkeit"], ["Streik", "sehr wahrscheinlich"], ["Brand", "selten"]],
    )
    path = tmp_path / "risiken.xlsx"
    book.save(path)
    plan = plan_import(repo, path, "acme")
    assert [str(p) for p in plan.report.errors] == [
        "Risiken!B2: Likelihood: 'sehr wahrscheinlich' is not a number or a level word such as "
        "High, Moderate, Low",
        "Risiken!B3: Likelihood: 'selten' is not a number or a level word such as High, "
        "Moderate, Low",
    ]
    values = {"likelihood": {"Sehr wahrscheinlich": "5", "selten": "1"}}
    plan = plan_import(repo, path, "acme", values=values)
    assert plan.clean, plan.report_lines()
    assert "  value: likelihood: 'sehr wahrscheinlich' -> 5 (--values)" in plan.preview_lines()
    apply_import(repo, plan)
    assert [(r.name, r.likelihood) for r in _risks(repo)] == [("Streik", 5), ("Brand", 1)]


def test_an_ods_whose_rows_repeat_a_value_a_million_times_is_refused_quickly(
    repo: Repository, tmp_path: Path
) -> None:
    """Repeat counts are advanced, not expanded; repeated values stop at the cell limit."""
    path = tmp_path / "bomb.ods"
    row = (
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="1024" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="S">{row}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", xml)
    with pytest.raises(WorkbookError, match="too large to import"):
        plan_import(repo, path, "acme")


_WORDS = [
    "Name",
    "Role",
    "Risk",
    "Impact",
    "R",
    "A",
    "C/I",
    "High",
    "e.g. x",
    "[Enter]",
    "FASE 1",
    "Legend",
    "Task",
    "",
    "Owner:",
    "高",
    "Статус",
    "=ROW()",
    "Done",
]


@given(
    st.dictionaries(
        st.tuples(st.integers(1, 12), st.integers(1, 8)),
        st.one_of(st.sampled_from(_WORDS), st.integers(-5, 20), st.floats(0, 1)),
        max_size=60,
    ),
    st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 3), st.integers(0, 3)),
        max_size=4,
    ),
)
def test_detection_never_fails_on_any_grid(
    cells: dict[tuple[int, int], Any], merges: list[tuple[int, int, int, int]]
) -> None:
    """Whatever a sheet holds, detection finds tables or none, and says so; it never raises."""
    sheet = SheetCells("S")
    for (row, col), value in cells.items():
        sheet.rows.setdefault(row, {})[col] = value
    sheet.merged = [(r, c, r + dr, c + dc) for r, c, dr, dc in merges]
    report = Report()
    cols = _cols_for(adapters(default_framework()))
    found = detect([sheet], default_rules(), cols, {"risk": Scale(0, 5)}, report)
    for item in found:
        assert item.describe()
