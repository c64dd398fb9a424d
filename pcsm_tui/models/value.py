"""Value measured (phase 6): the engagement's value-realization KPIs and their measurements.

A file of its own (`value-kpis.toml`) rather than a section of the value checklist: the
checklist is a yes/no list copied per adoption phase, while KPIs are one growable table
with a time series each, edited, merged and exported as tables. Measurements are a flat
table that names its KPI by id (like plan rows name their strategy), so two people adding
measurements of different KPIs merge row by row, and the workbook is two plain sheets.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import FileModel, Row, RowId, Text

Direction = Literal["up", "down"]
"""Whether the KPI improves by going up (adoption rate) or down (handling time)."""


class Kpi(Row):
    """One KPI the customer and the CSM agreed to measure progress towards an outcome."""

    label_field: ClassVar[str] = "kpi"
    public_fields: ClassVar[frozenset[str]] = frozenset({"kpi", "unit"})

    kpi: str
    """What is measured, e.g. `Orders captured in OrderFlow`."""
    unit: str = ""
    baseline: float | None = None
    """The value before the change (what progress is measured from)."""
    target: float | None = None
    direction: Direction = "up"
    start: dt.date | None = None
    """When the baseline held (progress towards the target is expected from then)."""
    due: dt.date | None = None
    """When the target should be reached."""
    outcome: Text = ""
    """The customer outcome the KPI shows progress towards."""
    comments: Text = ""


class Measurement(Row):
    """One reading of a KPI: when, what value, where it came from."""

    label_field: ClassVar[str] = "kpi"
    reference_fields: ClassVar[frozenset[str]] = frozenset({"kpi"})

    kpi: RowId
    """Id of the KPI (a row of `kpis`)."""
    date: dt.date
    value: float
    source: str = ""
    """Where the figure comes from (a report, a system, a survey)."""
    comments: Text = ""


class ValueKpis(FileModel):
    """`value-kpis.toml`: the value-realization KPI table (phase 6)."""

    kind: ClassVar[str] = "value-kpis"

    kpis: list[Kpi] = Field(default_factory=list)
    measurements: list[Measurement] = Field(default_factory=list)

    @model_validator(mode="after")
    def _measured_kpis_exist(self) -> ValueKpis:
        known = {k.id for k in self.kpis}
        for index, measurement in enumerate(self.measurements):
            if measurement.kpi not in known:
                raise PydanticCustomError(
                    "dangling_reference",
                    "measurement '{row}' names KPI '{kpi}', which this file does not define",
                    {
                        "row": measurement.id,
                        "kpi": measurement.kpi,
                        "at": ("measurements", index, "kpi"),
                    },
                )
        return self

    def series(self, kpi: str) -> list[Measurement]:
        """The KPI's measurements in date order (file order within a day)."""
        found = [m for m in self.measurements if m.kpi == kpi]
        return sorted(found, key=lambda m: m.date)
