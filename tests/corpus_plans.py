"""Project and rollout plans as teams keep them, for tests/test_import_plans.py.

Each sample writes a plan the way a team keeps it — a title block, phases as merged section
bands (`FASE 1`, `Project Phase 1`), as an unmerged band (`Phase 2: Pilot`) or as a column,
dates as date cells or as text with both ends in one cell (`02.03.2021 - 03.03.2021`),
durations typed where a date belongs (`2-3 days`), a status word or a percentage, two plan
tables on one sheet — and beside it the exact activities the strategy holds after the import.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .corpus import BAND, book, put_rows

D = dt.date


def plan_es(path: Any) -> None:
    """Spanish plan: merged `FASE n` bands, a `Fechas` cell with both dates as text, a
    duration column, status words, an owner column pcsm has no place for."""
    made, sheet = book("Plan")
    sheet["A1"] = "Plan del proyecto CRM"
    sheet["A2"] = "Cliente:"
    sheet["B2"] = "Acme"
    put_rows(
        sheet,
        4,
        [
            ["Tarea", "Responsable", "Fechas", "Duración", "Estado", "Comentarios"],
            ["FASE 1", None, None, None, None, None],
            ["Reunión de arranque", "PMO", "02.03.2021 - 03.03.2021", "2 días", "Completado", None],
            ["Análisis", "Ana", "04.03.2021 - 19.03.2021", None, "En curso", "Con TI"],
            ["FASE 2", None, None, None, None, None],
            ["Piloto", "Ivo", "01.04.2021", "2-3 semanas", "Pendiente", None],
        ],
    )
    for row in (5, 8):
        sheet.merge_cells(f"A{row}:F{row}")
        sheet[f"A{row}"].fill = BAND
    made.save(path)


PLAN_ES: list[dict[str, Any]] = [
    {
        "phase": 1,
        "no": 1,
        "name": "Reunión de arranque",
        "planned_start": "2021-03-02",
        "planned_end": "2021-03-03",
        "completed": True,
        "description": "Duration: 2 días",
    },
    {
        "phase": 1,
        "no": 2,
        "name": "Análisis",
        "planned_start": "2021-03-04",
        "planned_end": "2021-03-19",
        "completed": False,
        "description": "Con TI",
    },
    {
        "phase": 2,
        "no": 1,
        "name": "Piloto",
        "planned_start": "2021-04-01",
        "planned_end": "2021-04-01",
        "completed": False,
        "description": "Duration: 2-3 semanas",
    },
]


def plan_en(path: Any) -> None:
    """English rollout plan: a merged `Project Phase 1` band, an unmerged `Phase 2: Pilot`
    band, real dates, a duration typed in the finish column, % complete as a fraction."""
    made, sheet = book("Rollout plan")
    sheet["A1"] = "CRM rollout — project plan"
    sheet.merge_cells("A1:E1")
    put_rows(
        sheet,
        3,
        [
            ["Task", "Start", "Finish", "% Complete", "Notes"],
            ["Project Phase 1", None, None, None, None],
            ["Kick-off", D(2026, 1, 5), D(2026, 1, 6), 1.0, "With the sponsor"],
            ["Success plan", D(2026, 1, 7), "2-3 days", 0.5, None],
            ["Phase 2: Pilot", None, None, None, None],
            ["Pilot with sales", D(2026, 2, 2), D(2026, 2, 27), 0, None],
        ],
    )
    sheet.merge_cells("A4:E4")
    made.save(path)


PLAN_EN: list[dict[str, Any]] = [
    {
        "phase": 1,
        "no": 1,
        "name": "Kick-off",
        "planned_start": "2026-01-05",
        "planned_end": "2026-01-06",
        "completed": True,
        "description": "With the sponsor",
    },
    {
        "phase": 1,
        "no": 2,
        "name": "Success plan",
        "planned_start": "2026-01-07",
        "planned_end": None,
        "completed": False,
        "description": "Duration: 2-3 days",
    },
    {
        "phase": 2,
        "no": 1,
        "name": "Pilot with sales",
        "planned_start": "2026-02-02",
        "planned_end": "2026-02-27",
        "completed": False,
        "description": "",
    },
]


def plan_de(path: Any) -> None:
    """German plan with a phase column (numbers and a phase's name), dates as text."""
    made, sheet = book("Projektplan")
    put_rows(
        sheet,
        2,
        [
            ["Phase", "Aufgabe", "Beginn", "Ende", "Status", "Bemerkungen"],
            ["Phase 1", "Auftakt", "12.01.2026", "12.01.2026", "erledigt", None],
            [3, "Schulung", "02.03.2026", "13.03.2026", "offen", "Zwei Gruppen"],
        ],
    )
    made.save(path)


PLAN_DE: list[dict[str, Any]] = [
    {
        "phase": 1,
        "no": 1,
        "name": "Auftakt",
        "planned_start": "2026-01-12",
        "planned_end": "2026-01-12",
        "completed": True,
        "description": "",
    },
    {
        "phase": 3,
        "no": 1,
        "name": "Schulung",
        "planned_start": "2026-03-02",
        "planned_end": "2026-03-13",
        "completed": False,
        "description": "Zwei Gruppen",
    },
]


def plan_ja(path: Any) -> None:
    """Japanese plan of two tables on one sheet and no phases: both go to the engagement's
    current phase (1 in a new engagement)."""
    made, sheet = book("計画")
    sheet["A1"] = "導入計画"
    put_rows(
        sheet,
        3,
        [
            ["タスク", "開始日", "終了日", "状況"],
            ["キックオフ", D(2026, 4, 1), D(2026, 4, 1), "完了"],
            ["要件定義", D(2026, 4, 2), D(2026, 4, 30), "対応中"],
        ],
    )
    sheet["A8"] = "追加タスク"
    put_rows(
        sheet,
        10,
        [
            ["タスク", "開始日", "終了日", "備考"],
            ["研修", D(2026, 5, 11), D(2026, 5, 15), "二回"],
            ["本番移行", D(2026, 6, 1), D(2026, 6, 1), None],
        ],
    )
    made.save(path)


PLAN_JA: list[dict[str, Any]] = [
    {
        "phase": 1,
        "no": 1,
        "name": "キックオフ",
        "planned_start": "2026-04-01",
        "planned_end": "2026-04-01",
        "completed": True,
        "description": "",
    },
    {
        "phase": 1,
        "no": 2,
        "name": "要件定義",
        "planned_start": "2026-04-02",
        "planned_end": "2026-04-30",
        "completed": False,
        "description": "",
    },
    {
        "phase": 1,
        "no": 3,
        "name": "研修",
        "planned_start": "2026-05-11",
        "planned_end": "2026-05-15",
        "completed": False,
        "description": "二回",
    },
    {
        "phase": 1,
        "no": 4,
        "name": "本番移行",
        "planned_start": "2026-06-01",
        "planned_end": "2026-06-01",
        "completed": False,
        "description": "",
    },
]

PLANS = [
    ("plan_es.xlsx", plan_es, "es", PLAN_ES),
    ("rollout_plan.xlsx", plan_en, "en", PLAN_EN),
    ("projektplan.xlsx", plan_de, "de", PLAN_DE),
    ("keikaku.xlsx", plan_ja, "ja", PLAN_JA),
]
