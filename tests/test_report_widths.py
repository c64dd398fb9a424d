"""The Word report's table columns: never narrower than their longest word when the page
has room (a rendered report showed "Authorit y", "Targ et", "Stat us", "behin d"), the
rest shared by text length; the page width is never exceeded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pcsm_tui.io import report_doc
from pcsm_tui.io.report_doc import Table, _widths

KPIS = Table(
    ("KPI", "Baseline", "Latest", "Target", "Due", "Status"),
    (
        ("Share of EMEA Product X orders captured in OrderFlow", "0 %", "91 % (2026-11-13)",
         "95 %", "2026-12-31", "on track"),
        ("Orders needing rework after finance approval", "12 %", "8.5 % (2026-11-13)", "4 %",
         "2026-12-31", "behind"),
    ),
)  # fmt: skip


def _need(table: Table, column: int) -> float:
    longest = max((len(w) for w in table.header[column].split()), default=0)
    head = min(20, longest) * report_doc.HEAD_CHAR_CM
    words = [w for row in table.rows for w in row[column].split()]
    body = max((min(20, len(w)) for w in words), default=0) * report_doc.CHAR_CM
    return max(head, body) + report_doc.CELL_MARGIN_CM


def test_headers_and_words_are_never_split_when_the_page_has_room() -> None:
    widths = _widths(KPIS)
    assert abs(sum(widths) - report_doc.PAGE_CM) < 1e-6
    for column, width in enumerate(widths):
        assert width >= _need(KPIS, column) - 1e-9, (KPIS.header[column], width)
    assert widths[0] == max(widths)  # the KPI's name still gets the most room


_WORD = st.text(alphabet="abcdefghij -", max_size=50)


@given(st.integers(min_value=1, max_value=9).flatmap(
    lambda n: st.tuples(st.lists(_WORD, min_size=n, max_size=n),
                        st.lists(st.lists(_WORD, min_size=n, max_size=n), max_size=4))
))  # fmt: skip
def test_widths_fill_the_page_and_keep_words_whole_when_they_fit(
    shape: tuple[list[str], list[list[str]]],
) -> None:
    header, rows = shape
    table = Table(tuple(header), tuple(tuple(row) for row in rows))
    widths = _widths(table)
    assert abs(sum(widths) - report_doc.PAGE_CM) < 1e-6 and all(w > 0 for w in widths)
    needs = [_need(table, i) for i in range(len(header))]
    if sum(needs) < report_doc.PAGE_CM:
        assert all(w >= n - 1e-9 for w, n in zip(widths, needs, strict=True))
