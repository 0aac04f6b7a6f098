"""Charts drawn at build time as inline SVG: readable with no JavaScript, and no request to make.

Only numbers and escaped text go into the markup.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Sequence

from markupsafe import Markup

WIDTH, HEIGHT = 640, 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 16, 36


def fee_chart(points: Sequence[tuple[dt.date, float, str]], label: str) -> Markup | None:
    """A line of the rumoured fee (in millions) over time, one dot per rumour; None for under two.

    `points` are (date, millions, fee as written); `label` names the series for screen readers.
    """
    if len(points) < 2:
        return None
    points = sorted(points)
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    low, high = min(p[1] for p in points), max(p[1] for p in points)
    if high == low:
        low, high = low * 0.8, high * 1.2 or 1.0
    span_x, span_y = max(1, last - first), high - low
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM

    def x(date: dt.date) -> float:
        return round(_LEFT + (date.toordinal() - first) / span_x * plot_w, 1)

    def y(millions: float) -> float:
        return round(_TOP + (high - millions) / span_y * plot_h, 1)

    line = " ".join(f"{x(d)},{y(m)}" for d, m, _ in points)
    dots = "".join(f'<circle cx="{x(d)}" cy="{y(m)}" r="4"><title>{escape(d.strftime("%-d %b %Y"))}: '
                   f'{escape(text)}</title></circle>' for d, m, text in points)
    axis = (f'<line class="axis" x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{WIDTH - _RIGHT}" y2="{_TOP + plot_h}"/>'
            f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_TOP + plot_h}"/>')
    labels = (f'<text x="{_LEFT - 6}" y="{y(high) + 4}" text-anchor="end">{_amount(high)}</text>'
              f'<text x="{_LEFT - 6}" y="{y(low) + 4}" text-anchor="end">{_amount(low)}</text>'
              f'<text x="{_LEFT}" y="{HEIGHT - 10}">{escape(points[0][0].strftime("%b %Y"))}</text>'
              f'<text x="{WIDTH - _RIGHT}" y="{HEIGHT - 10}" text-anchor="end">'
              f'{escape(points[-1][0].strftime("%b %Y"))}</text>')
    summary = f"{len(points)} rumoured fees from {_amount(min(p[1] for p in points))} to " \
              f"{_amount(max(p[1] for p in points))}"
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}: '
        f'{escape(summary)}" preserveAspectRatio="xMidYMid meet">'
        f"{axis}{labels}<polyline points=\"{line}\"/>{dots}</svg>")


def _amount(millions: float) -> str:
    """"£60m"-style axis labels (the currency is in the chart's title)."""
    return f"{millions:.1f}m".replace(".0m", "m")
