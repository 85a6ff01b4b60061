"""A canvas that dates the pack by its data release, so its creation date is real and still reproducible.

reportlab's invariant mode (which keeps the same data giving the same bytes) writes 1 January 2000 as
the creation and modification date, which a reader's PDF viewer shows as the document's date. The pack
is a view of one data release, so the release's load time is its true date: it is the same every time
the pack is rebuilt from that release, and a new release gives a new date.
"""

from __future__ import annotations

import calendar
import time
from datetime import UTC
from typing import Any

import pandas as pd
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas


def release_timestamp(loaded_at: Any) -> TimeStamp | None:
    """reportlab's timestamp for ``loaded_at`` (a datetime or ISO text, taken as UTC when naive); None if unknown."""
    try:
        moment = pd.Timestamp(loaded_at)
    except (TypeError, ValueError):
        return None
    if pd.isna(moment):
        return None
    moment = moment.tz_localize(UTC) if moment.tzinfo is None else moment.tz_convert(UTC)
    stamp = TimeStamp(invariant=True)
    stamp.t = float(calendar.timegm(moment.to_pydatetime().timetuple()))
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    return stamp


def dated_canvas(loaded_at: Any) -> type[Canvas]:
    """A Canvas class whose document is dated ``loaded_at`` (left at reportlab's fixed date when unknown)."""
    stamp = release_timestamp(loaded_at)

    class DatedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if stamp is not None:
                self._doc._timeStamp = stamp

    return DatedCanvas

