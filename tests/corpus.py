"""More of the corpus of team workbooks (tests/test_import_detect.py runs them all).

Each sample writes a file the way a team keeps it — title rows, merged header bands over
two-row headers, colour fills and a colour legend, notes and legends after blank rows, phase
bands, transposed and name-in-cell RACI grids, dates typed as text beside real dates, CSV
with `;` or `,` and Excel's byte-order mark, LibreOffice .ods — and beside it the exact rows
pcsm holds after importing it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

RED = PatternFill("solid", fgColor="FF9999")
AMBER = PatternFill("solid", fgColor="FFD966")
GREEN = PatternFill("solid", fgColor="A9D08E")
BAND = PatternFill("solid", fgColor="1F4E78")


def book(title: str) -> tuple[Workbook, Worksheet]:
    made = Workbook()
    sheet = made.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    return made, sheet


def put_rows(sheet: Worksheet, first_row: int, rows: list[list[Any]], first_col: int = 1) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                sheet.cell(first_row + r, first_col + c, value)


def colour(sheet: Worksheet, cells: str, fill: PatternFill, bold: bool = False) -> None:
    for line in sheet[cells]:
        for cell in line:
            cell.fill = fill
            if bold:
                cell.font = Font(bold=True, color="FFFFFF")


def ods(path: Path, name: str, rows: Sequence[Sequence[Any]], spans: dict[Any, Any]) -> None:
    """A LibreOffice sheet: text (lines as paragraphs), numbers and dates as typed cells;
    `spans` (row, col) -> (columns, rows) merged."""
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            cols, down = spans.get((r, c), (1, 1))
            attr = (f' table:number-columns-spanned="{cols}"' if cols > 1 else "") + (
                f' table:number-rows-spanned="{down}"' if down > 1 else ""
            )
            if value is None or value == "":
                cells.append(f"<table:table-cell{attr}/>")
            elif isinstance(value, dt.date):
                cells.append(
                    f'<table:table-cell office:value-type="date" '
                    f'office:date-value="{value.isoformat()}"{attr}>'
                    f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
                )
            elif isinstance(value, (int, float)):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{value}"{attr}>'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                paragraphs = "".join(
                    f"<text:p>{escape(p)}</text:p>" for p in str(value).split("\n")
                )
                cells.append(
                    f'<table:table-cell office:value-type="string"{attr}>{paragraphs}'
                    "</table:table-cell>"
                )
        body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="{escape(name)}">{"".join(body)}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", xml)


# --- RACI ----------------------------------------------------------------------------------


def raci_en_banded(path: Path) -> None:
    """English RACI: title and project rows, a coloured `Roles` band merged over the people
    (a two-row header), a blank row and a phase band inside, notes after two blank rows."""
    made, sheet = book("Responsibilities")
    sheet["A1"] = "Responsibility assignment matrix"
    sheet["A2"] = "Project: ERP rollout"
    put_rows(sheet, 4, [["Deliverable", "Roles", None, None]])
    put_rows(sheet, 5, [[None, "Sponsor", "Project manager", "Key users"]])
    sheet.merge_cells("B4:D4")
    sheet.merge_cells("A4:A5")
    colour(sheet, "A4:D5", BAND, bold=True)
    put_rows(
        sheet,
        6,
        [
            ["Project Phase 1", None, None, None],
            ["Business case", "A", "R", "C"],
            [None, None, None, None],
            ["Process design", "I", "A/R", "R/C"],
            ["Project Phase 2", None, None, None],
            ["Training", "I", "A", "R"],
        ],
    )
    sheet.merge_cells("A6:D6")
    sheet.merge_cells("A10:D10")
    sheet["A14"] = "Notes"
    sheet["A15"] = "R = Responsible, A = Accountable, C = Consulted, I = Informed"
    made.save(path)


RACI_EN_BANDED: dict[str, Any] = {
    "columns": ["Roles / Sponsor", "Roles / Project manager", "Roles / Key users"],
    "activities": [
        ("Business case", [{"A"}, {"R"}, {"C"}]),
        ("Process design", [{"I"}, {"R", "A"}, {"R", "C"}]),
        ("Training", [{"I"}, {"A"}, {"R"}]),
    ],
}


def raci_es_transposed(path: Path) -> None:
    """Spanish, transposed with word headers (Responsable, Aprobador ...): names in the
    cells joined with `y` and commas; a title and a legend below."""
    made, sheet = book("Matriz")
    sheet["A1"] = "Matriz de responsabilidades"
    sheet.merge_cells("A1:E1")
    put_rows(
        sheet,
        3,
        [
            ["Actividad", "Responsable", "Aprobador", "Consultado", "Informado"],
            ["Levantamiento", "Lucía y Jorge", "Carmen", "Pedro", "Todos"],
            ["Pruebas", "Jorge", "Carmen", "Lucía, Pedro", None],
        ],
    )
    colour(sheet, "A3:E3", AMBER)
    sheet["A8"] = "Leyenda"
    sheet["A9"] = "Responsable: quien ejecuta la tarea"
    made.save(path)


RACI_ES: dict[str, Any] = {
    "columns": ["Lucía", "Jorge", "Carmen", "Pedro", "Todos"],
    "activities": [
        ("Levantamiento", [{"R"}, {"R"}, {"A"}, {"C"}, {"I"}]),
        ("Pruebas", [{"C"}, {"R"}, {"A"}, {"C"}, set()]),
    ],
}


def raci_pt_ods(path: Path) -> None:
    """Portuguese RACI from LibreOffice: people as `Nome\\n(Papel)` headers, a merged title,
    codes with separators, a placeholder row."""
    ods(
        path,
        "Matriz RACI",
        [
            ["Matriz RACI do projeto", "", "", ""],
            ["", "", "", ""],
            ["Atividade", "Ana Souza\n(Gerente)", "Bruno Lima\n(TI)", "Carla Reis\n(RH)"],
            ["Levantamento", "A", "R", "C"],
            ["Treinamento", "A/R", "C, I", "R"],
            ["[Insira a atividade]", "", "", ""],
        ],
        {(0, 0): (4, 1)},
    )


RACI_PT: dict[str, Any] = {
    "columns": ["Ana Souza (Gerente)", "Bruno Lima (TI)", "Carla Reis (RH)"],
    "activities": [
        ("Levantamento", [{"A"}, {"R"}, {"C"}]),
        ("Treinamento", [{"R", "A"}, {"C", "I"}, {"R"}]),
    ],
}


def raci_ja(path: Path) -> None:
    """Japanese RACI: title, an example row marked 例）, full-width spacing in a header."""
    made, sheet = book("RACI表")
    sheet["A1"] = "RACI表（基幹システム更改）"
    put_rows(
        sheet,
        3,
        [
            ["作業", "山田\n（部長）", "佐藤", "鈴木"],
            ["例）要件定義", "A", "R", "I"],
            ["要件定義", "A", "R", "C"],
            ["受入テスト", "A", "C", "R"],
        ],
    )
    made.save(path)


RACI_JA: dict[str, Any] = {
    "columns": ["山田 （部長）", "佐藤", "鈴木"],
    "activities": [
        ("要件定義", [{"A"}, {"R"}, {"C"}]),
        ("受入テスト", [{"A"}, {"C"}, {"R"}]),
    ],
}


def raci_ru_transposed(path: Path) -> None:
    """Russian, transposed: word headers (Исполнитель, Утверждающий ...), names joined with
    `и` and line breaks, a title merged over the table."""
    made, sheet = book("Ответственность")
    sheet["A1"] = "Матрица ответственности"
    sheet.merge_cells("A1:E1")
    put_rows(
        sheet,
        3,
        [
            ["Задача", "Исполнитель", "Утверждающий", "Консультирующий", "Информируемый"],
            ["Обследование", "Орлов и Смирнова", "Волков", None, "Все"],
            ["Обучение", "Смирнова", "Волков", "Орлов\nКозлов", None],
        ],
    )
    made.save(path)


RACI_RU: dict[str, Any] = {
    "columns": ["Орлов", "Смирнова", "Волков", "Все", "Козлов"],
    "activities": [
        ("Обследование", [{"R"}, {"R"}, {"A"}, {"I"}, set()]),
        ("Обучение", [{"C"}, {"R"}, {"A"}, set(), {"C"}]),
    ],
}


# --- registers -----------------------------------------------------------------------------


def register_fr(path: Path) -> None:
    """French register: title and date rows, `Coordonnées` merged over phone and e-mail,
    coloured headers, a blank row inside, notes after blank rows."""
    made, sheet = book("Parties prenantes")
    sheet["A1"] = "Registre des parties prenantes"
    sheet["A2"] = "Mis à jour le :"
    sheet["B2"] = dt.date(2026, 3, 1)
    put_rows(sheet, 4, [["Nom et prénom", "Fonction", "Coordonnées", None, "Remarques"]])
    put_rows(sheet, 5, [[None, None, "Téléphone", "Courriel", None]])
    sheet.merge_cells("C4:D4")
    for col in "ABE":
        sheet.merge_cells(f"{col}4:{col}5")
    colour(sheet, "A4:E5", GREEN)
    put_rows(
        sheet,
        6,
        [
            ["Sophie Bernard", "Directrice financière", "01 42 68 53 00", "s.bernard@ex.fr", None],
            [None, None, None, None, None],
            ["Luc Petit", "Utilisateur clé", None, "l.petit@ex.fr", "Formateur interne"],
        ],
    )
    sheet["A12"] = "Remarques : mettre à jour chaque mois"
    made.save(path)


REGISTER_FR: list[dict[str, Any]] = [
    {
        "name": "Sophie Bernard",
        "job_role": "Directrice financière",
        "contact": (
            "Coordonnées / Téléphone: 01 42 68 53 00\nCoordonnées / Courriel: s.bernard@ex.fr"
        ),
        "notes": "",
    },
    {
        "name": "Luc Petit",
        "job_role": "Utilisateur clé",
        "contact": "Coordonnées / Courriel: l.petit@ex.fr",
        "notes": "Formateur interne",
    },
]


def register_es_ods(path: Path) -> None:
    """Spanish register from LibreOffice: a title, a department merged down two rows."""
    ods(
        path,
        "Interesados",
        [
            ["Registro de interesados", "", "", ""],
            ["", "", "", ""],
            ["Nombre", "Cargo", "Departamento", "Correo"],
            ["María López", "Directora", "Ventas", "maria@ejemplo.es"],
            ["Juan Pérez", "Usuario clave", "", "juan@ejemplo.es"],
        ],
        {(0, 0): (4, 1), (3, 2): (1, 2)},
    )


REGISTER_ES: list[dict[str, Any]] = [
    {
        "name": "María López",
        "job_role": "Directora",
        "contact": "maria@ejemplo.es",
        "notes": "Ventas",
    },
    {
        "name": "Juan Pérez",
        "job_role": "Usuario clave",
        "contact": "juan@ejemplo.es",
        "notes": "Ventas",
    },
]


def register_pt_csv(path: Path) -> None:
    """Portuguese register saved by Excel as CSV: commas, a byte-order mark, quoted cells
    with commas inside, a title line and a blank line."""
    path.write_bytes(
        "\ufeffLista de partes interessadas,,\n"
        ",,\n"
        "Nome,Função,Telefone\n"
        '"Souza, Ana",Patrocinadora,11987654321\n'
        "Pedro Alves,Usuário-chave,\n".encode()
    )


REGISTER_PT: list[dict[str, Any]] = [
    {"name": "Souza, Ana", "job_role": "Patrocinadora", "contact": "11987654321"},
    {"name": "Pedro Alves", "job_role": "Usuário-chave", "contact": ""},
]


# --- issue logs ----------------------------------------------------------------------------


def issues_de(path: Path) -> None:
    """German issue log: deadlines as real dates and as text (`02.03.2026 - 03.03.2026`,
    `15.04.2026`), status words, a colour legend above, red/green fills on the status, a
    blank row inside."""
    made, sheet = book("Offene Punkte")
    sheet["A1"] = "Offene-Punkte-Liste"
    sheet["A2"] = "Rot = offen, Grün = erledigt"
    put_rows(
        sheet,
        4,
        [
            ["Nr.", "Thema", "Verantwortlich", "Frist", "Status"],
            [1, "Schnittstelle SAP fehlt", "IT", dt.date(2026, 2, 27), "erledigt"],
            [2, "Schulungsraum belegt", "HR", "02.03.2026 - 03.03.2026", "offen"],
            [None, None, None, None, None],
            [3, "Lizenzen fehlen", "Einkauf", "15.04.2026", "offen"],
        ],
    )
    colour(sheet, "E5:E5", GREEN)
    colour(sheet, "E6:E8", RED)
    made.save(path)


ISSUES_DE: list[dict[str, Any]] = [
    {
        "challenge": "Schnittstelle SAP fehlt",
        "owner": "IT",
        "deadline": "2026-02-27",
        "completed": True,
    },
    {
        "challenge": "Schulungsraum belegt",
        "owner": "HR",
        "deadline": "2026-03-02",
        "completed": False,
    },
    {
        "challenge": "Lizenzen fehlen",
        "owner": "Einkauf",
        "deadline": "2026-04-15",
        "completed": False,
    },
]


def issues_fr_csv(path: Path) -> None:
    """French issue log as CSV with commas and a byte-order mark, dates typed day first."""
    path.write_bytes(
        "\ufeffProblème,Responsable,Échéance,Statut,Commentaires\n"
        'Accès VPN,Informatique,15/01/2026,Résolu,"Nouveau compte, testé"\n'
        "Données clients incomplètes,Ventes,,En cours,\n".encode()
    )


ISSUES_FR: list[dict[str, Any]] = [
    {
        "challenge": "Accès VPN",
        "owner": "Informatique",
        "deadline": "2026-01-15",
        "completed": True,
        "comments": "Nouveau compte, testé",
    },
    {
        "challenge": "Données clients incomplètes",
        "owner": "Ventes",
        "deadline": None,
        "completed": False,
        "comments": "",
    },
]


def issues_ru_csv(path: Path) -> None:
    """Russian issue log as CSV with semicolons and a byte-order mark, a title line."""
    path.write_bytes(
        "\ufeffЖурнал проблем;;;\n"
        ";;;\n"
        "Проблема;Ответственный;Срок;Статус\n"
        "Нет тестовых данных;Иванов;2026-05-20;Закрыто\n"
        "Медленная сеть;Петров;;Открыто\n".encode()
    )


ISSUES_RU: list[dict[str, Any]] = [
    {
        "challenge": "Нет тестовых данных",
        "owner": "Иванов",
        "deadline": "2026-05-20",
        "completed": True,
    },
    {"challenge": "Медленная сеть", "owner": "Петров", "deadline": None, "completed": False},
]


# --- risk registers ------------------------------------------------------------------------


def risks_fr(path: Path) -> None:
    """French risks: `Évaluation` merged over probability and impact (two-row header),
    levels as words, a legend beside the table, cells coloured by level."""
    made, sheet = book("Risques")
    sheet["A1"] = "Registre des risques"
    put_rows(sheet, 3, [["Risque", "Évaluation", None, "Mesures", "Responsable"]])
    put_rows(sheet, 4, [[None, "Probabilité", "Impact", None, None]])
    sheet.merge_cells("B3:C3")
    for col in "ADE":
        sheet.merge_cells(f"{col}3:{col}4")
    put_rows(
        sheet,
        5,
        [
            ["Départ du chef de projet", "Faible", "Élevé", "Binôme", "Direction"],
            ["Budget dépassé", "Moyenne", "Moyen", "Suivi mensuel", "Finance"],
        ],
    )
    colour(sheet, "C5:C5", RED)
    colour(sheet, "B6:C6", AMBER)
    sheet["H3"] = "Légende"
    sheet["H4"] = "Rouge = élevé"
    made.save(path)


RISKS_FR: list[dict[str, Any]] = [
    {
        "name": "Départ du chef de projet",
        "likelihood": 1,
        "severity": 4,
        "strategy": "Binôme",
        "responsible": "Direction",
    },
    {
        "name": "Budget dépassé",
        "likelihood": 3,
        "severity": 3,
        "strategy": "Suivi mensuel",
        "responsible": "Finance",
    },
]


def risks_ja(path: Path) -> None:
    """Japanese risks: 評価 merged over 発生確率 and 影響度 (a two-row header), 高/中/低
    levels, a title, a note after a blank row."""
    made, sheet = book("リスク管理表")
    sheet["A1"] = "リスク管理表"
    put_rows(sheet, 3, [["No", "リスク", "評価", None, "対策", "担当者"]])
    put_rows(sheet, 4, [[None, None, "発生確率", "影響度", None, None]])
    sheet.merge_cells("C3:D3")
    for col in "ABEF":
        sheet.merge_cells(f"{col}3:{col}4")
    put_rows(
        sheet,
        5,
        [
            [1, "要員不足", "高", "中", "外部委託", "田中"],
            [2, "仕様変更", "中", "高", "変更管理", "高橋"],
        ],
    )
    sheet["A8"] = "注：毎週見直す"
    made.save(path)


RISKS_JA: list[dict[str, Any]] = [
    {
        "name": "要員不足",
        "likelihood": 4,
        "severity": 3,
        "strategy": "外部委託",
        "responsible": "田中",
    },
    {
        "name": "仕様変更",
        "likelihood": 3,
        "severity": 4,
        "strategy": "変更管理",
        "responsible": "高橋",
    },
]


def risks_ru_ods(path: Path) -> None:
    """Russian risks from LibreOffice: a merged title, levels as words, notes below."""
    ods(
        path,
        "Риски",
        [
            ["Реестр рисков", "", "", ""],
            ["", "", "", ""],
            ["Риск", "Вероятность", "Воздействие", "Меры"],
            ["Задержка поставки", "высокая", "средняя", "Штрафы"],
            ["Сопротивление пользователей", "низкая", "высокая", "Обучение"],
            ["", "", "", ""],
            ["Примечания", "", "", ""],
        ],
        {(0, 0): (4, 1)},
    )


RISKS_RU: list[dict[str, Any]] = [
    {"name": "Задержка поставки", "likelihood": 4, "severity": 3, "strategy": "Штрафы"},
    {"name": "Сопротивление пользователей", "likelihood": 1, "severity": 4, "strategy": "Обучение"},
]


# --- lessons learned -----------------------------------------------------------------------


def lessons_es(path: Path) -> None:
    """Spanish lessons: a title, a phase band, an example row, dates as dates."""
    made, sheet = book("Lecciones")
    sheet["A1"] = "Lecciones aprendidas"
    put_rows(
        sheet,
        3,
        [
            ["Fecha", "Lección aprendida", "Recomendación"],
            ["Fase 1", None, None],
            [dt.date(2026, 1, 20), "Ej. Documentar todo", None],
            [dt.date(2026, 1, 22), "La migración tardó el doble", "Probar con datos reales"],
        ],
    )
    sheet.merge_cells("A4:C4")
    made.save(path)


LESSONS_ES: list[dict[str, Any]] = [
    {
        "category": "lessons-learned",
        "text": "Lección aprendida: La migración tardó el doble\n"
        "Recomendación: Probar con datos reales",
    },
]


def lessons_de_csv(path: Path) -> None:
    """German lessons as CSV with semicolons (no byte-order mark, Windows line ends)."""
    path.write_bytes(
        "Erkenntnis;Empfehlung\r\n"
        "Schulung zu spät;Früher planen\r\n"
        "Key User waren hilfreich;\r\n".encode()
    )


LESSONS_DE: list[dict[str, Any]] = [
    {
        "category": "lessons-learned",
        "text": "Erkenntnis: Schulung zu spät\nEmpfehlung: Früher planen",
    },
    {"category": "lessons-learned", "text": "Erkenntnis: Key User waren hilfreich"},
]


def risks_en_csv(path: Path) -> None:
    """English risks as CSV with commas, no byte-order mark, levels as words and figures."""
    path.write_text(
        "Risk,Likelihood,Impact,Response,Owner\n"
        "Vendor goes bankrupt,Low,Very high,Escrow,Legal\n"
        '"Data loss, migration",Medium,High,"Dry runs, backups",IT\n',
        encoding="utf-8",
    )


RISKS_EN_CSV: list[dict[str, Any]] = [
    {"name": "Vendor goes bankrupt", "likelihood": 1, "severity": 5, "strategy": "Escrow"},
    {
        "name": "Data loss, migration",
        "likelihood": 3,
        "severity": 4,
        "strategy": "Dry runs, backups",
    },
]


FEATURES: dict[str, list[str]] = {
    "title rows": [
        "register_en.xlsx",
        "riesgos.xlsx",
        "matrice.xlsx",
        "kadai.xlsx",
        "uroki.xlsx",
        "registre.xlsx",
        "risuku.xlsx",
        "riski.ods",
        "matriz_raci.ods",
    ],
    "merged header bands": [
        "register_en.xlsx",
        "registre.xlsx",
        "risques.xlsx",
        "risuku.xlsx",
        "raci_en.xlsx",
    ],
    "two-row headers": ["register_en.xlsx", "registre.xlsx", "risques.xlsx", "risuku.xlsx"],
    "legends": ["register_en.xlsx", "riesgos.xlsx", "matrice.xlsx", "matriz.xlsx", "risques.xlsx"],
    "notes below": ["risk_log.xlsx", "registre.xlsx", "risuku.xlsx", "riski.ods"],
    "blank rows inside": ["raci_en.xlsx", "registre.xlsx", "offene_punkte.xlsx"],
    "section bands": ["riesgos.xlsx", "matrice.xlsx", "raci_en.xlsx", "lecciones.xlsx"],
    "colours": ["raci_en.xlsx", "matriz.xlsx", "registre.xlsx", "offene_punkte.xlsx"],
    "transposed RACI": ["raci_de.xlsx", "matriz.xlsx", "otvetstvennost.xlsx"],
    "name-in-cell RACI headers": ["matrice.xlsx", "matriz_raci.ods", "raci_ja.xlsx"],
    "dates as text": ["kadai.xlsx", "offene_punkte.xlsx", "problemes.csv", "problemy.csv"],
    "dates as dates": ["issues_en.xlsx", "offene_punkte.xlsx", "lecciones.xlsx"],
    "CSV with ;": ["spisak.csv", "problemy.csv", "erkenntnisse.csv"],
    "CSV with ,": ["partes.csv", "problemes.csv", "risks_en.csv"],
    "CSV with a byte-order mark": ["partes.csv", "problemes.csv", "problemy.csv"],
    ".ods": ["rizici.ods", "matriz_raci.ods", "interesados.ods", "riski.ods"],
    "example rows": ["register_en.xlsx", "kadai.xlsx", "raci_ja.xlsx", "lecciones.xlsx"],
    "placeholder rows": ["register_en.xlsx", "matrice.xlsx", "matriz_raci.ods"],
}
"""Each feature of issue 18's build list and the corpus samples that show it."""
