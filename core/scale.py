"""The sizes of the scale data set (`seed_scale`) and what every app's scale seeder shares.

National is every integrated care system in England on one portal; `--small` is a tenth of it. Each app's
`scale.py` reads the size it is asked for and draws from one seeded random generator, so two runs with the
same size and seed make the same data.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Size:
    projects: int
    training_records: int
    champions: int
    requests: int
    data_points: int

    @property
    def systems(self) -> int:
        """Integrated care systems (42 in England at national size)."""
        return max(2, round(42 * self.projects / NATIONAL.projects))

    @property
    def organisations(self) -> int:
        return max(10, self.projects // 160)

    @property
    def people(self) -> int:
        """Accounts: project leads and teams, requesters, and every champion."""
        return self.projects // 2 + self.champions

    @property
    def trainees(self) -> int:
        return max(1, self.training_records * 4 // 5)

    @property
    def measures(self) -> int:
        return max(1, self.data_points // 120)

    def times(self, factor: float) -> Size:
        return replace(
            self,
            projects=max(1, round(self.projects * factor)),
            training_records=max(1, round(self.training_records * factor)),
            champions=max(1, round(self.champions * factor)),
            requests=max(1, round(self.requests * factor)),
            data_points=max(120, round(self.data_points * factor)),
        )


NATIONAL = Size(
    projects=200_000, training_records=2_000_000, champions=50_000, requests=50_000, data_points=1_000_000
)
SMALL = NATIONAL.times(0.1)


@dataclass
class Context:
    """What the seeders hand down the layers: the size, the random generator and the ids made so far."""

    size: Size
    rng: random.Random
    today: datetime.date
    organisation_ids: list[int]
    place_ids: list[int]
    priority_ids: list[int]
    person_ids: list[int]
    person_organisation: dict[int, int]
    project_ids: list[int]

    def day_in_last_years(self, years: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randrange(365 * years))

    def some(self, ids: list[int], low: int, high: int) -> list[int]:
        """Between `low` and `high` distinct ids from `ids`."""
        return self.rng.sample(ids, min(len(ids), self.rng.randint(low, high)))
