"""Stakeholder analyses as teams keep them, for tests/test_import_figures.py.

Each sheet says who the people are (name, role, contact) and how they stand (influence or
power, interest, support or attitude) — as level words in English, French, Japanese and
German, as 1-5 figures, as support words — and beside it the register rows and the month's
assessments expected after the import (authority and interest on 0..10, support on the
repository's default 0..10 scale).
"""

from __future__ import annotations

from typing import Any

from .corpus import book, put_rows


def analysis_en(path: Any) -> None:
    """English: a title, level words, attitude as champion / neutral / blocker."""
    made, sheet = book("Stakeholder analysis")
    sheet["A1"] = "Stakeholder analysis — CRM rollout"
    put_rows(
        sheet,
        3,
        [
            ["Name", "Role", "Email", "Power", "Interest", "Attitude"],
            ["Ana Horvat", "Sponsor", "ana@example.com", "High", "High", "Champion"],
            ["Ivo Kos", "Key user", None, "Low", "High", "Neutral"],
            ["Lea Novak", "IT lead", None, "Medium", "Low", "Blocker"],
        ],
    )
    made.save(path)


ANALYSIS_EN = {
    "register": [
        {"name": "Ana Horvat", "job_role": "Sponsor", "contact": "ana@example.com"},
        {"name": "Ivo Kos", "job_role": "Key user", "contact": ""},
        {"name": "Lea Novak", "job_role": "IT lead", "contact": ""},
    ],
    "month": [("Ana Horvat", 8, 8, 10), ("Ivo Kos", 2, 8, 5), ("Lea Novak", 5, 2, 0)],
}


def analysis_fr(path: Any) -> None:
    """French: influence and interest as 1-5 figures (said in the headers), support words."""
    made, sheet = book("Parties prenantes")
    put_rows(
        sheet,
        2,
        [
            ["Nom", "Fonction", "Pouvoir (1-5)", "Intérêt (1-5)", "Soutien"],
            ["Claire Martin", "Directrice commerciale", 5, 4, "Favorable"],
            ["Paul Durand", "Contrôleur", 2, 3, "Critique"],
        ],
    )
    made.save(path)


ANALYSIS_FR = {
    "register": [
        {"name": "Claire Martin", "job_role": "Directrice commerciale", "contact": ""},
        {"name": "Paul Durand", "job_role": "Contrôleur", "contact": ""},
    ],
    "month": [("Claire Martin", 10, 8, 8), ("Paul Durand", 4, 6, 2)],
}


def analysis_ja(path: Any) -> None:
    """Japanese: 高/中/低 levels and 賛成/中立/反対 attitudes."""
    made, sheet = book("ステークホルダー分析")
    put_rows(
        sheet,
        1,
        [
            ["氏名", "役職", "影響力", "関心度", "態度"],
            ["佐藤 花子", "部長", "高", "中", "賛成"],
            ["鈴木 一郎", "課長", "低", "高", "反対"],
        ],
    )
    made.save(path)


ANALYSIS_JA = {
    "register": [
        {"name": "佐藤 花子", "job_role": "部長", "contact": ""},
        {"name": "鈴木 一郎", "job_role": "課長", "contact": ""},
    ],
    "month": [("佐藤 花子", 8, 5, 8), ("鈴木 一郎", 2, 8, 2)],
}

ANALYSES = [
    ("analysis_en.xlsx", analysis_en, "en", ANALYSIS_EN),
    ("parties_prenantes.xlsx", analysis_fr, "fr", ANALYSIS_FR),
    ("bunseki.xlsx", analysis_ja, "ja", ANALYSIS_JA),
]


def attitudes_en(path: Any) -> None:
    """The stakeholder engagement assessment matrix: `C`urrent and `D`esired marks under
    five attitude columns, no influence or interest."""
    made, sheet = book("Assessment matrix")
    sheet["A1"] = "Stakeholder engagement assessment matrix"
    put_rows(
        sheet,
        3,
        [
            ["Stakeholder", "Unaware", "Resistant", "Neutral", "Supportive", "Leading"],
            ["Ana Horvat", None, None, None, "C", "D"],
            ["Ivo Kos", None, "C", None, "D", None],
            ["Lea Novak", "C", None, None, None, "D"],
        ],
    )
    made.save(path)


def attitudes_de(path: Any) -> None:
    """German: influence and interest, then `Ist` and `Soll` rows (the name merged down)
    with `X` under one of five attitude columns."""
    made, sheet = book("Haltung")
    put_rows(
        sheet,
        1,
        [
            [
                "Name",
                "Einfluss",
                "Interesse",
                "Zustand",
                "Ahnungslos",
                "Ablehnend",
                "Neutral",
                "Unterstützend",
                "Führend",
            ],
            ["Klaus Weber", "hoch", "mittel", "Ist", None, "X", None, None, None],
            [None, None, None, "Soll", None, None, None, "X", None],
            ["Eva Braun", "niedrig", "hoch", "Ist", None, None, "X", None, None],
            [None, None, None, "Soll", None, None, "X", None, None],
        ],
    )
    for col in "ABC":
        sheet.merge_cells(f"{col}2:{col}3")
        sheet.merge_cells(f"{col}4:{col}5")
    made.save(path)


def attitudes_es(path: Any) -> None:
    """Spanish: `Actual` and `Deseado` bands over five attitude columns each, `X` marks."""
    made, sheet = book("Actitudes")
    words = ["Desconocedor", "Reticente", "Neutral", "Partidario", "Líder"]
    put_rows(sheet, 1, [["Nombre", "Actual", None, None, None, None, "Deseado"]])
    sheet.merge_cells("B1:F1")
    sheet.merge_cells("G1:K1")
    sheet.merge_cells("A1:A2")
    put_rows(sheet, 2, [[None, *words, *words]])
    put_rows(
        sheet,
        3,
        [
            ["Marta Ruiz", None, None, "X", None, None, None, None, None, None, "X"],
            ["Jorge Gil", None, "X", None, None, None, None, None, "X", None, None],
        ],
    )
    made.save(path)
