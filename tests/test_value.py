"""Value KPIs: progress against baseline, target and due date, and the chart data."""

from __future__ import annotations

import datetime as dt

import pytest

from pcsm_tui.analysis.value import kpi_charts, kpi_progress, value_progress
from pcsm_tui.models.value import Kpi, Measurement, ValueKpis

START, DUE = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def _kpi(**fields: object) -> Kpi:
    base: dict[str, object] = {
        "id": "k",
        "kpi": "Adoption",
        "baseline": 0,
        "target": 100,
        "start": START,
        "due": DUE,
    }
    base.update(fields)
    return Kpi.model_validate(base)


def _at(value: float, day: dt.date) -> list[Measurement]:
    return [Measurement(id="m", kpi="k", date=day, value=value)]


def test_statuses() -> None:
    mid = dt.date(2026, 7, 2)  # half way: 50 expected, 10 of slack
    assert kpi_progress(_kpi(), _at(45, mid), mid, 0.1).status == "on-track"
    behind = kpi_progress(_kpi(), _at(39, mid), mid, 0.1)
    assert behind.status == "behind" and behind.expected == pytest.approx(50, abs=0.5)
    assert kpi_progress(_kpi(), _at(100, mid), mid, 0.1).status == "achieved"
    assert kpi_progress(_kpi(), _at(90, DUE), dt.date(2027, 1, 2), 0.1).status == "missed"
    assert kpi_progress(_kpi(), [], mid, 0.1).status == "not-measured"
    assert kpi_progress(_kpi(target=None), _at(5, mid), mid, 0.1).status == "no-target"
    down = _kpi(baseline=40, target=20, direction="down")
    assert kpi_progress(down, _at(28, mid), mid, 0.1).status == "on-track"
    assert kpi_progress(down, _at(33, mid), mid, 0.1).status == "behind"
    assert kpi_progress(down, _at(19, mid), mid, 0.1).status == "achieved"
    no_dates = _kpi(start=None, due=None)
    assert kpi_progress(no_dates, _at(1, mid), mid, 0.1).status == "on-track"


def test_measurements_must_name_a_kpi_and_come_in_date_order() -> None:
    with pytest.raises(ValueError, match="names KPI 'nope'"):
        ValueKpis.model_validate(
            {"kpis": [], "measurements": [{"id": "m", "kpi": "nope", "date": START, "value": 1}]}
        )
    kpis = ValueKpis.model_validate(
        {
            "kpis": [_kpi().model_dump()],
            "measurements": [
                {"id": "b", "kpi": "k", "date": dt.date(2026, 3, 1), "value": 20},
                {"id": "a", "kpi": "k", "date": dt.date(2026, 2, 1), "value": 10},
            ],
        }
    )
    assert [m.id for m in kpis.series("k")] == ["a", "b"]
    (progress,) = value_progress(kpis, dt.date(2026, 3, 2), 0.1)
    assert progress.latest is not None and progress.latest.value == 20
    (chart,) = kpi_charts(kpis, dt.date(2026, 3, 2), 0.1)
    assert chart.points == ((dt.date(2026, 2, 1), 10.0), (dt.date(2026, 3, 1), 20.0))
    assert chart.path == ((START, 0.0), (DUE, 100.0)) and chart.target == 100
