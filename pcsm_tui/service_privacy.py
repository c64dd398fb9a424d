"""Personal-data care through the service (`Workspace` inherits it): forgetting a
stakeholder and the retention report (io/forget.py, io/privacy_report.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .io.forget import Forgotten
    from .io.privacy_report import EngagementPrivacy
    from .store.repository import Repository


class PrivacyService:
    """Mixed into `Workspace`: needs its `repo` and `today`."""

    today: dt.date

    @property
    def repo(self) -> Repository:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def forget(self, slug: str, stakeholder: str) -> Forgotten:
        """Remove `stakeholder` of `slug` from every current file, as one commit."""
        # start-up: io.forget loads only when this runs
        from .io.forget import forget

        return forget(self.repo, slug, stakeholder)

    def privacy_report(self) -> list[EngagementPrivacy]:
        """Per engagement: the personal data it holds and what is past retention."""
        # start-up: io.privacy_report loads only when this runs
        from .io.privacy_report import privacy_report

        return privacy_report(self.repo, self.today)

    def retention_days(self) -> int | None:
        """pcsm.toml's [privacy] retention, in days (None: no retention is set)."""
        privacy = self.repo.settings.privacy
        return privacy.retention_days if privacy else None
