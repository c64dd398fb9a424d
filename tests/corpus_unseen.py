"""Workbooks unlike the rest of the corpus, modelled on what teams publish (issue 18).

Written to be the collection "nobody here has seen": a PMO site's RACI template (title
block with project details, section bands, `[Enter task]` rows, a placeholder column, a
colour key to the right), a German stakeholder analysis (`Bewertung` over `Einfluss` /
`Interesse`, hoch/mittel/gering), a Portuguese risk register with a `Probabilidade x
Impacto` formula column that has no saved values, a Japanese 課題管理表 (`No.`, `起票日`,
`対応状況`, `例）` rows), a Russian `Реестр рисков` with cells merged down and neuter level
words, a French `Retour d'expérience`, Serbian sheets in Cyrillic and Latin, a transposed
RACI with `Responsible (R)` headers, two tables side by side, CSV as UTF-8 with a byte-order
mark and as cp1252 with `;`, an engagement matrix saved by LibreOffice, a RACI grid whose
legend defines several letters in one cell. Beside each, the exact rows pcsm holds after
importing it; tests/test_import_detect.py runs them with the rest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .corpus import AMBER, BAND, GREEN, RED, book, colour, ods, put_rows


def raci_pmo(path: Path) -> None:
    """A PMO template: title, project details (`PROJECT TITLE | Website redesign | DATE |
    date`, read like a header row), a blank row, the grid with a placeholder column,
    section bands, `-` for none, `[Enter task or activity]` rows, a colour key beside."""
    made, sheet = book("RACI Chart")
    sheet["A1"] = "RACI CHART TEMPLATE"
    sheet.merge_cells("A1:F1")
    sheet["A2"], sheet["B2"] = "PROJECT TITLE", "Website redesign"
    sheet["A3"], sheet["B3"] = "PROJECT MANAGER", "Dana Cole"
    sheet["D2"], sheet["E2"] = "DATE", dt.date(2024, 5, 6)
    header = ["TASK / DELIVERABLE", "Project Sponsor", "Project Manager", "Design Lead"]
    put_rows(sheet, 5, [[*header, "[Name of person or department]"]])
    put_rows(
        sheet,
        6,
        [
            ["INITIATION", None, None, None, None],
            ["Project charter", "A", "R", "I", None],
            ["Stakeholder kickoff", "C", "A/R", "C", None],
            ["PLANNING", None, None, None, None],
            ["Wireframes", "I", "A", "R", None],
            ["Content inventory", "-", "A", "R, C", None],
            ["[Enter task or activity]", None, None, None, None],
            ["[Enter task or activity]", None, None, None, None],
        ],
    )
    for row in (6, 9):
        sheet.merge_cells(f"A{row}:E{row}")
        colour(sheet, f"A{row}:E{row}", BAND, bold=True)
    put_rows(
        sheet,
        5,
        [["KEY", None], ["R", "Responsible"], ["A", "Accountable"], ["C", "Consulted"]],
        first_col=8,
    )
    put_rows(sheet, 9, [["I", "Informed"]], first_col=8)
    for row, fill in zip(range(6, 10), (RED, AMBER, GREEN, BAND), strict=True):
        colour(sheet, f"H{row}:H{row}", fill)
    made.save(path)


RACI_PMO: dict[str, Any] = {
    "columns": ["Project Sponsor", "Project Manager", "Design Lead"],
    "activities": [
        ("Project charter", [{"A"}, {"R"}, {"I"}]),
        ("Stakeholder kickoff", [{"C"}, {"R", "A"}, {"C"}]),
        ("Wireframes", [{"I"}, {"A"}, {"R"}]),
        ("Content inventory", [set(), {"A"}, {"R", "C"}]),
    ],
}


def raci_es_legend(path: Path) -> None:
    """Spanish teams x deliverables: a diagonal corner header, letters beyond RACI (S, P),
    `N` for none, two A on a row, a legend cell defining three letters at once."""
    made, sheet = book("Matriz")
    put_rows(
        sheet,
        1,
        [
            ["Entregables \\ Equipos", "Dirección", "TI", "Operaciones", "Calidad"],
            ["Arquitectura", "A", "R", "S", "N"],
            ["Migración", "A", "A/R", "P", "C /I"],
            ["Formación", "I", "S", "R", "N"],
        ],
    )
    sheet["A7"] = "S = Soporte, P = Participa, N = No participa"
    made.save(path)


RACI_ES_LEGEND: dict[str, Any] = {
    "columns": ["Dirección", "TI", "Operaciones", "Calidad"],
    "activities": [
        ("Arquitectura", [{"A"}, {"R"}, set(), set()]),
        ("Migración", [{"A"}, {"R", "A"}, set(), {"C", "I"}]),
        ("Formación", [{"I"}, set(), {"R"}, set()]),
    ],
}


def raci_en_transposed(path: Path) -> None:
    """English, transposed: `Responsible (R)` ... headers, names joined with `&` and `/`."""
    made, sheet = book("Roles")
    sheet["A1"] = "Roles and responsibilities"
    put_rows(
        sheet,
        3,
        [
            ["Activity", "Responsible (R)", "Accountable (A)", "Consulted (C)", "Informed (I)"],
            ["Requirements sign-off", "Priya Shah", "Tom Reed", "Ops team & Legal", "All staff"],
            ["Data migration", "Priya Shah / Ken Ito", "Tom Reed", "Ops team", None],
        ],
    )
    made.save(path)


RACI_EN_TRANSPOSED: dict[str, Any] = {
    "columns": ["Priya Shah", "Tom Reed", "Ops team", "Legal", "All staff", "Ken Ito"],
    "activities": [
        ("Requirements sign-off", [{"R"}, {"A"}, {"C"}, {"C"}, {"I"}, set()]),
        ("Data migration", [{"R"}, {"A"}, {"C"}, set(), set(), {"R"}]),
    ],
}


def stakeholders_de_analysis(path: Path) -> None:
    """German stakeholder analysis: title and `Stand:` rows, `Bewertung` merged over
    `Einfluss` and `Interesse` (a two-row header), levels hoch/mittel/gering."""
    made, sheet = book("Stakeholderanalyse")
    sheet["A1"] = "Stakeholderanalyse"
    sheet["A2"] = "Projekt: CRM-Einführung"
    sheet["D2"], sheet["E2"] = "Stand:", dt.date(2025, 1, 15)
    put_rows(sheet, 4, [["Stakeholder", "Rolle im Projekt", "Bewertung", None, "Erwartungen"]])
    put_rows(sheet, 5, [[None, None, "Einfluss", "Interesse", None]])
    sheet.merge_cells("C4:D4")
    for col in "ABE":
        sheet.merge_cells(f"{col}4:{col}5")
    colour(sheet, "A4:E5", GREEN)
    put_rows(
        sheet,
        6,
        [
            ["Geschäftsführung", "Auftraggeber", "hoch", "mittel", "Kosten senken"],
            ["Vertrieb Außendienst", "Anwender", "gering", "hoch", "Mobile Nutzung"],
        ],
    )
    made.save(path)


STAKEHOLDERS_DE_ANALYSIS: list[dict[str, Any]] = [
    {
        "name": "Geschäftsführung",
        "job_role": "Auftraggeber",
        "relevance": "Kosten senken",
        "notes": "",
    },
    {
        "name": "Vertrieb Außendienst",
        "job_role": "Anwender",
        "relevance": "Mobile Nutzung",
        "notes": "",
    },
]


def register_sr_cyrillic(path: Path) -> None:
    """Serbian Cyrillic register: `Р.бр.` numbering, a phone stored as a float, levels."""
    made, sheet = book("Заинтересоване стране")
    sheet["A1"] = "Регистар заинтересованих страна"
    put_rows(
        sheet,
        3,
        [
            ["Р.бр.", "Име и презиме", "Функција", "Одељење", "Телефон", "Утицај", "Интерес"],
            [1, "Марко Петровић", "Директор", "Управа", 381641234567.0, "висок", "средњи"],
            [2, "Јелена Јовановић", "Кључни корисник", "Продаја", None, "низак", "висок"],
        ],
    )
    made.save(path)


REGISTER_SR_CYRILLIC: list[dict[str, Any]] = [
    {
        "name": "Марко Петровић",
        "job_role": "Директор",
        "contact": "381641234567",
        "notes": "Управа",
    },
    {
        "name": "Јелена Јовановић",
        "job_role": "Кључни корисник",
        "contact": "",
        "notes": "Продаја",
    },
]


def engagement_en_ods(path: Path) -> None:
    """An engagement assessment matrix from LibreOffice: five attitude columns, `C` and `D`
    (current, desired) marks, the key below after a blank row."""
    ods(
        path,
        "Stakeholders",
        [
            ["Stakeholder Engagement Assessment Matrix", "", "", "", "", "", ""],
            ["", "", "", "", "", "", ""],
            ["Stakeholder", "Role", "Unaware", "Resistant", "Neutral", "Supportive", "Leading"],
            ["Ravi Kumar", "CFO", "", "C", "", "D", ""],
            ["Lena Fox", "Head of Sales", "", "", "C", "", "D"],
            ["", "", "", "", "", "", ""],
            ["C = current, D = desired", "", "", "", "", "", ""],
        ],
        {(0, 0): (7, 1)},
    )


ENGAGEMENT_EN: list[dict[str, Any]] = [
    {"name": "Ravi Kumar", "job_role": "CFO", "notes": "Resistant: C\nSupportive: D"},
    {"name": "Lena Fox", "job_role": "Head of Sales", "notes": "Neutral: C\nLeading: D"},
]


def risks_pt_formula(path: Path) -> None:
    """Portuguese risks: `ID` codes, a `Probabilidade x Impacto` column of formulas with no
    saved values (a script wrote it), figures 1-5."""
    made, sheet = book("Riscos")
    sheet["A1"] = "Registro de Riscos do Projeto"
    put_rows(
        sheet,
        3,
        [
            [
                "ID",
                "Descrição do risco",
                "Probabilidade",
                "Impacto",
                "Probabilidade x Impacto",
                "Resposta",
                "Responsável",
            ],
            ["R01", "Atraso do fornecedor", 3, 4, "=C4*D4", "Multa contratual", "Compras"],
            ["R02", "Rotatividade da equipe", 2, 3, "=C5*D5", "Plano de retenção", "RH"],
        ],
    )
    made.save(path)


RISKS_PT_FORMULA: list[dict[str, Any]] = [
    {"name": "Atraso do fornecedor", "likelihood": 3, "severity": 4, "responsible": "Compras"},
    {"name": "Rotatividade da equipe", "likelihood": 2, "severity": 3, "responsible": "RH"},
]


def risks_ru_merged(path: Path) -> None:
    """Russian risks: a merged title, a category and an owner merged down over two rows,
    neuter level words (`высокое`, `среднее`) under `Влияние`."""
    made, sheet = book("Реестр рисков")
    sheet["A1"] = "Реестр рисков проекта"
    sheet.merge_cells("A1:F1")
    put_rows(
        sheet,
        3,
        [
            ["Категория", "Описание риска", "Вероятность", "Влияние", "Меры", "Владелец риска"],
            ["Технические", "Несовместимость", "высокая", "высокое", "Прототип", "Архитектор"],
            [None, "Потеря данных", "низкая", "высокое", "Пробные миграции", None],
            ["Организационные", "Нет ключевых пользователей", "средняя", "среднее", "План", "РП"],
        ],
    )
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("F4:F5")
    made.save(path)


RISKS_RU_MERGED: list[dict[str, Any]] = [
    {"name": "Несовместимость", "likelihood": 4, "severity": 4, "responsible": "Архитектор"},
    {"name": "Потеря данных", "likelihood": 1, "severity": 4, "responsible": "Архитектор"},
    {"name": "Нет ключевых пользователей", "likelihood": 3, "severity": 3, "responsible": "РП"},
]


def risks_sr_latin(path: Path) -> None:
    """Serbian Latin risks: `Odgovorno lice` for the owner, level words."""
    made, sheet = book("Rizici")
    sheet["A1"] = "Registar rizika"
    put_rows(
        sheet,
        3,
        [
            ["Rizik", "Verovatnoća", "Uticaj", "Mere ublažavanja", "Odgovorno lice"],
            ["Kašnjenje isporuke", "visoka", "srednji", "Rezervni dobavljač", "Nabavka"],
            ["Otpor korisnika", "srednja", "visok", "Obuka", "Projektni menadžer"],
        ],
    )
    made.save(path)


RISKS_SR_LATIN: list[dict[str, Any]] = [
    {"name": "Kašnjenje isporuke", "likelihood": 4, "severity": 3, "responsible": "Nabavka"},
    {
        "name": "Otpor korisnika",
        "likelihood": 3,
        "severity": 4,
        "responsible": "Projektni menadžer",
    },
]


def risks_fr_cp1252(path: Path) -> None:
    """French risks saved by Excel as `CSV (séparateur : point-virgule)`: cp1252, `;`."""
    path.write_bytes(
        "Risque;Probabilité;Gravité;Mesure;Propriétaire\r\n"
        "Sécurité des accès;Élevée;Très élevé;Audit externe;RSSI\r\n"
        "Indisponibilité des équipes;Moyenne;Modéré;Planning partagé;Chef de projet\r\n".encode(
            "cp1252"
        )
    )


RISKS_FR_CP1252: list[dict[str, Any]] = [
    {"name": "Sécurité des accès", "likelihood": 4, "severity": 5, "responsible": "RSSI"},
    {
        "name": "Indisponibilité des équipes",
        "likelihood": 3,
        "severity": 3,
        "responsible": "Chef de projet",
    },
]


def issues_ja_kanri(path: Path) -> None:
    """Japanese 課題管理表: `No.`, `起票日`, `起票者`, an `例）` row, `対応状況` (status) before
    `対応内容` (what was done)."""
    made, sheet = book("課題管理表")
    sheet["A1"] = "課題管理表"
    sheet["F1"], sheet["G1"] = "更新日", dt.date(2025, 6, 2)
    put_rows(
        sheet,
        3,
        [
            ["No.", "起票日", "課題", "起票者", "担当者", "期限", "対応状況", "対応内容"],
            ["例）", dt.date(2025, 4, 1), "例）帳票が遅い", "山本", "佐藤", None, "対応中", None],
            [1, dt.date(2025, 5, 8), "移行手順が未確定", "山本", "佐藤", dt.date(2025, 5, 20)],
            [2, dt.date(2025, 5, 12), "権限不足", "伊藤", "鈴木", dt.date(2025, 5, 30), "未着手"],
        ],
    )
    sheet["G5"], sheet["H5"] = "完了", "手順書を作成"
    made.save(path)


ISSUES_JA_KANRI: list[dict[str, Any]] = [
    {
        "challenge": "移行手順が未確定",
        "owner": "佐藤",
        "deadline": "2025-05-20",
        "completed": True,
        "actions": "手順書を作成",
    },
    {
        "challenge": "権限不足",
        "owner": "鈴木",
        "deadline": "2025-05-30",
        "completed": False,
        "actions": "",
    },
]


def issues_es_csv(path: Path) -> None:
    """Spanish issue log as CSV: UTF-8 with a byte-order mark, `;`, `N.º` numbering, a
    header with a trailing space and one with a line break inside quotes."""
    path.write_bytes(
        '\ufeffN.º;Incidencia ;Responsable;"Fecha\nlímite";Estado\n'
        "1;Falta acceso al ERP;Sistemas;15/03/2024;Resuelto\n"
        "2;Datos maestros duplicados;Finanzas;;Abierto\n".encode()
    )


ISSUES_ES_CSV: list[dict[str, Any]] = [
    {"challenge": "Falta acceso al ERP", "owner": "Sistemas", "deadline": "2024-03-15"},
    {"challenge": "Datos maestros duplicados", "owner": "Finanzas", "deadline": None},
]


def lessons_fr_retex(path: Path) -> None:
    """French `Retour d'expérience`: a topic, what worked, what to improve, an action."""
    made, sheet = book("Retour d'expérience")
    sheet["A1"] = "Retour d'expérience – Projet Atlas"
    sheet["A2"], sheet["B2"] = "Animé par :", "C. Martin"
    put_rows(
        sheet,
        4,
        [
            ["Thème", "Ce qui a bien fonctionné", "Ce qui peut être amélioré", "Action proposée"],
            ["Pilotage", "Comités courts", "Décisions non tracées", "Relevé de décisions"],
            ["Recette", None, "Données arrivées tard", "Préparer les données tôt"],
        ],
    )
    made.save(path)


LESSONS_FR_RETEX: list[dict[str, Any]] = [
    {
        "category": "lessons-learned",
        "text": "Thème: Pilotage\nCe qui a bien fonctionné: Comités courts\n"
        "Ce qui peut être amélioré: Décisions non tracées\nAction proposée: Relevé de décisions",
    },
    {
        "category": "lessons-learned",
        "text": "Thème: Recette\nCe qui peut être amélioré: Données arrivées tard\n"
        "Action proposée: Préparer les données tôt",
    },
]


def log_en_side_by_side(path: Path) -> None:
    """An issue log and a risk log side by side on one sheet, under one title."""
    made, sheet = book("Log")
    sheet["A1"] = "Weekly project log"
    put_rows(
        sheet,
        3,
        [
            ["Issue", "Owner", "Due date", "Status"],
            ["Printer drivers missing", "IT", dt.date(2025, 2, 3), "Open"],
            ["Training room booked", "HR", dt.date(2025, 2, 10), "Closed"],
        ],
    )
    put_rows(
        sheet,
        3,
        [
            ["Risk", "Probability", "Impact", "Mitigation"],
            ["Go-live slips", "Medium", "High", "Weekly checkpoint"],
            ["Budget cut", "Low", "High", "Phase the rollout"],
        ],
        first_col=7,
    )
    made.save(path)


LOG_EN_SIDE_BY_SIDE: dict[str, Any] = {
    "challenges": [
        {"challenge": "Printer drivers missing", "deadline": "2025-02-03", "completed": False},
        {"challenge": "Training room booked", "deadline": "2025-02-10", "completed": True},
    ],
    "risks": [
        {"name": "Go-live slips", "likelihood": 3, "severity": 4, "strategy": "Weekly checkpoint"},
        {"name": "Budget cut", "likelihood": 1, "severity": 4, "strategy": "Phase the rollout"},
    ],
}


def plan_es_text_dates(path: Path) -> None:
    """A Spanish project plan: dates typed as `02.03.2021 - 03.03.2021`, durations as
    `2-3 días`, owners joined with `/`: the engagement strategy's activities."""
    made, sheet = book("Plan de proyecto")
    sheet["A1"] = "Plan de proyecto"
    put_rows(
        sheet,
        4,
        [
            ["Tarea", "Fechas", "Duración", "Responsable", "Estado"],
            ["Análisis", "02.03.2021 - 03.03.2021", "2 días", "Marta", "Hecho"],
            ["Pruebas", "11.03.2021 - 12.03.2021", "2-3 días", "Ana / Luis", "Pendiente"],
        ],
    )
    made.save(path)


HEADER_TWICE = ["Risk ID", "Risk Description", "Likelihood", "Impact", "Mitigation"]
HEADER_TWICE += ["Likelihood", "Impact", "Risk Owner"]


def risks_en_repeated(path: Path) -> None:
    """English register: a `next ID:` formula above, `Likelihood` and `Impact` twice (before
    and after mitigation), 1-10 figures, a row made only of `=ROW()-3`."""
    made, sheet = book("Risk Register")
    sheet["A1"] = "Risk Register"
    sheet["A2"], sheet["B2"] = "next ID:", "=MAX(A5:A100)+1"
    put_rows(
        sheet,
        4,
        [
            HEADER_TWICE,
            [1, "Key supplier delays", 8, 9, "Second supplier", 4, 6, "Procurement"],
            [2, "Low user adoption", 6, 7, "Champions network", 3, 5, "Change lead"],
            ["=ROW()-3"],
        ],
    )
    made.save(path)


RISKS_EN_REPEATED: list[dict[str, Any]] = [
    {"name": "Key supplier delays", "likelihood": 4, "severity": 5, "responsible": "Procurement"},
    {"name": "Low user adoption", "likelihood": 3, "severity": 4, "responsible": "Change lead"},
]


def risks_de_codes(path: Path) -> None:
    """German FMEA-style risks: headers with codes and scales (`A=Auftreten (1-5)`,
    `B=Bedeutung (1-5)`), no title."""
    made, sheet = book("Risikoanalyse")
    put_rows(
        sheet,
        2,
        [
            ["Risiko", "A=Auftreten (1-5)", "B=Bedeutung (1-5)", "Maßnahme", "Verantwortlich"],
            ["Datenmigration unvollständig", 4, 5, "Probemigration", "IT"],
            ["Schlüsselpersonen fehlen", 2, 4, "Vertretungsregel", "PL"],
        ],
    )
    made.save(path)


RISKS_DE_CODES: list[dict[str, Any]] = [
    {
        "name": "Datenmigration unvollständig",
        "likelihood": 4,
        "severity": 5,
        "strategy": "Probemigration",
    },
    {
        "name": "Schlüsselpersonen fehlen",
        "likelihood": 2,
        "severity": 4,
        "strategy": "Vertretungsregel",
    },
]


def risks_en_word_and_figure(path: Path) -> None:
    """Levels typed as a word with its figure (`Almost Certain 0.85`, `Unlikely 0.25`)."""
    made, sheet = book("Risks")
    put_rows(
        sheet,
        1,
        [
            ["Risk", "Probability", "Impact", "Response"],
            ["Scope creep", "Almost Certain 0.85", "Major", "Change board"],
            ["Vendor lock-in", "Unlikely 0.25", "Moderate", "Exit clause"],
        ],
    )
    made.save(path)


RISKS_EN_WORD_AND_FIGURE: list[dict[str, Any]] = [
    {"name": "Scope creep", "likelihood": 5, "severity": 4},
    {"name": "Vendor lock-in", "likelihood": 2, "severity": 3},
]


def raci_en_scrum(path: Path) -> None:
    """A sheet named `RACI` in a team's own words: a `WBS` column, `Roles Scrum` merged over
    three roles beside `Stakeholders` merged down (a two-row header), a `Q` letter and its
    key two rows below."""
    made, sheet = book("RACI")
    put_rows(sheet, 1, [["WBS", "Task", "Roles Scrum", None, None, "Stakeholders"]])
    put_rows(sheet, 2, [[None, None, "Product Owner", "Scrum Master", "Team", "Sponsor"]])
    for cells in ("C1:E1", "A1:A2", "B1:B2", "F1:F2"):
        sheet.merge_cells(cells)
    put_rows(
        sheet,
        3,
        [
            ["1.1", "Backlog refinement", "A", "C", "R", "I"],
            ["1.2", "Sprint review", "R", "A", "R", "C"],
            ["1.3", "Release", "A", "I", "R", "Q"],
        ],
    )
    sheet["A8"], sheet["B8"] = "Q", "Quality review"
    made.save(path)


RACI_EN_SCRUM: dict[str, Any] = {
    "columns": [
        "Roles Scrum / Product Owner",
        "Roles Scrum / Scrum Master",
        "Roles Scrum / Team",
        "Stakeholders",
    ],
    "activities": [
        ("Backlog refinement", [{"A"}, {"C"}, {"R"}, {"I"}]),
        ("Sprint review", [{"R"}, {"A"}, {"R"}, {"C"}]),
        ("Release", [{"A"}, {"I"}, {"R"}, set()]),
    ],
}


def risks_en_scale_above(path: Path) -> None:
    """A rating scale table (`Rating | Meaning`) above the register, two blank rows between."""
    made, sheet = book("Risks")
    put_rows(sheet, 1, [["Rating", "Meaning"], [1, "Very low"], [3, "Medium"], [5, "Very high"]])
    put_rows(
        sheet,
        7,
        [
            ["Risk", "Probability", "Impact", "Owner", "Response"],
            ["Data centre outage", 2, 5, "Infra", "Failover"],
            ["Key staff leave", 3, 3, "HR", "Cross-training"],
        ],
    )
    made.save(path)


RISKS_EN_SCALE_ABOVE: list[dict[str, Any]] = [
    {"name": "Data centre outage", "likelihood": 2, "severity": 5, "responsible": "Infra"},
    {"name": "Key staff leave", "likelihood": 3, "severity": 3, "responsible": "HR"},
]


def issues_es_mx(path: Path) -> None:
    """A Mexican issue log: `Fecha compromiso`, `Estatus`, owners joined with `/`."""
    made, sheet = book("Issues")
    put_rows(
        sheet,
        1,
        [
            ["ID", "Descripción", "Responsable", "Fecha compromiso", "Estatus"],
            ["I-1", "Falta licencia", "TI / Compras", dt.date(2025, 3, 1), "Cerrado"],
            ["I-2", "Capacitación pendiente", "RH", dt.date(2025, 3, 15), "Abierto"],
        ],
    )
    made.save(path)


ISSUES_ES_MX: list[dict[str, Any]] = [
    {"challenge": "Falta licencia", "owner": "TI / Compras", "deadline": "2025-03-01"}
    | {"completed": True},
    {"challenge": "Capacitación pendiente", "owner": "RH", "deadline": "2025-03-15"}
    | {"completed": False},
]


UNSEEN_FEATURES: dict[str, list[str]] = {
    "title rows": ["raci_pmo.xlsx", "reestr.xlsx", "retex.xlsx", "kanri.xlsx"],
    "merged header bands": ["analyse.xlsx"],
    "two-row headers": ["analyse.xlsx"],
    "legends": ["raci_pmo.xlsx", "equipos.xlsx", "engagement.ods"],
    "notes below": ["equipos.xlsx", "engagement.ods"],
    "section bands": ["raci_pmo.xlsx"],
    "colours": ["raci_pmo.xlsx", "analyse.xlsx"],
    "transposed RACI": ["roles.xlsx"],
    "dates as text": ["incidencias.csv"],
    "dates as dates": ["kanri.xlsx", "log.xlsx"],
    "CSV with ;": ["incidencias.csv", "risques_cp1252.csv"],
    "CSV with a byte-order mark": ["incidencias.csv"],
    ".ods": ["engagement.ods"],
    "example rows": ["kanri.xlsx"],
    "placeholder rows": ["raci_pmo.xlsx"],
}
"""The features of issue 18's list these samples show (added to corpus.FEATURES)."""
