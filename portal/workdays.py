"""Working days (工作日): weekdays, less public holidays, plus the weekend days
worked in exchange (调休), from a TOML file editors keep up to date."""

import datetime
import os
import tomllib
from collections.abc import Iterable
from typing import Self

ONE_DAY = datetime.timedelta(days=1)


class HolidayFileError(ValueError):
    pass


def day_range(text: str) -> list[datetime.date]:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD`` (both ends included) as a list of days."""
    first, _, last = text.partition("/")
    start = datetime.date.fromisoformat(first.strip())
    end = datetime.date.fromisoformat(last.strip()) if last else start
    return [start + ONE_DAY * offset for offset in range((end - start).days + 1)]


class WorkCalendar:
    def __init__(
        self, holidays: Iterable[datetime.date] = (), workdays: Iterable[datetime.date] = (), years: Iterable[int] = ()
    ) -> None:
        self.holidays = set(holidays)
        self.workdays = set(workdays)
        self.years = set(years)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Self:
        """Read the holiday file: one table per year with ``holidays`` and ``workdays`` lists."""
        try:
            with open(path, "rb") as stream:
                data = tomllib.load(stream)
        except FileNotFoundError:
            raise HolidayFileError(f"{path}: the holiday file is missing") from None
        except tomllib.TOMLDecodeError as error:
            raise HolidayFileError(f"{path}: not valid TOML: {error}") from None
        holidays, workdays = [], []
        for year, table in data.items():
            try:
                holidays += [day for text in table.get("holidays", []) for day in day_range(text)]
                workdays += [day for text in table.get("workdays", []) for day in day_range(text)]
            except (ValueError, AttributeError, TypeError) as error:
                raise HolidayFileError(
                    f"{path}: [{year}]: {error} (dates as YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD)"
                ) from None
        return cls(holidays, workdays, (int(year) for year in data if str(year).isdigit()))

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after *start* up to and including *end*."""
        return sum(self.is_working_day(start + ONE_DAY * offset) for offset in range(1, (end - start).days + 1))

    def missing_years(self, start: datetime.date, end: datetime.date) -> list[int]:
        return sorted(set(range(start.year, end.year + 1)) - self.years)
