"""Transfer windows: the season a rumour looks ahead to, as fans count them."""

from __future__ import annotations

import datetime as dt


def transfer_window(date: dt.date) -> tuple[str, str]:
    """(slug, name) of the transfer window a rumour looks ahead to, as fans count them.

    March to September talk is about the summer window; October to February about
    the January one ("October 2017" → January 2018).
    """
    if 3 <= date.month <= 9:
        return f"summer-{date.year}", f"Summer {date.year}"
    year = date.year + 1 if date.month >= 10 else date.year
    return f"january-{year}", f"January {year}"
