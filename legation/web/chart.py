"""The site page's chart: events near a site per day over 90 days, with the surge marked, as inline SVG.

Rendered on the server (no chart library): a bar per day, a shaded band over the days in a surge, and a text
summary for screen readers. A surge is a run of days whose trailing 7-day count is at least `SURGE_MIN` and more
than `SURGE_FACTOR` times the window's average week: the sudden rise an analyst looks for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

SURGE_MIN = 3
SURGE_FACTOR = 2.0
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 204, 34, 26, 18


@dataclass
class DailyCounts:
    first: dt.date
    counts: list[int]
    surge: list[bool]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def surge_runs(self) -> list[tuple[int, int]]:
        """(first, last) day indexes of each surge."""
        runs, start = [], None
        for i, on in enumerate([*self.surge, False]):
            if on and start is None:
                start = i
            elif not on and start is not None:
                runs.append((start, i - 1))
                start = None
        return runs


def daily_counts(days: list[dt.date], last: dt.date, window: int = 90) -> DailyCounts:
    """Count events per day over the `window` days ending `last`, and find the surge days."""
    first = last - dt.timedelta(days=window - 1)
    counts = [0] * window
    for day in days:
        i = (day - first).days
        if 0 <= i < window:
            counts[i] += 1
    weekly = sum(counts) / (window / 7)
    rolling = [sum(counts[max(0, i - 6):i + 1]) for i in range(window)]
    surge = [r >= SURGE_MIN and r > SURGE_FACTOR * weekly and counts[i] > 0 for i, r in enumerate(rolling)]
    for i in range(window):  # a surge spans its whole rising week, not only its peak day
        if surge[i]:
            for j in range(max(0, i - 6), i):
                surge[j] = surge[j] or counts[j] > 0
    return DailyCounts(first=first, counts=counts, surge=surge)


def render(daily: DailyCounts, label: str) -> str:
    """The SVG (safe to insert unescaped: every text in it is escaped here)."""
    n = len(daily.counts)
    peak = max(daily.counts + [1])
    plot_w, plot_h = WIDTH - LEFT - 6, HEIGHT - BOTTOM - TOP
    bar_w = plot_w / n
    y = lambda v: TOP + plot_h - (v / peak) * plot_h  # noqa: E731
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{escape(label)}</title>']
    for start, end in daily.surge_runs():
        x, w = LEFT + start * bar_w, (end - start + 1) * bar_w
        near_edge = x + 40 > WIDTH - 6  # label inside the plot: right-aligned to the band at the right edge
        label_x, anchor = (x + w, "end") if near_edge else (x + 2, "start")
        parts.append(f'<rect class="surge" x="{x:.1f}" y="{TOP}" width="{w:.1f}" height="{plot_h}" '
                     f'fill="#f8d7da"/><text x="{label_x:.1f}" y="{TOP - 3}" font-size="11" text-anchor="{anchor}" '
                     f'fill="#8b0000" font-weight="700">surge</text>')
    for tick in sorted({0, peak // 2, peak}):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 6}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d0d5da"/>'
                     f'<text x="{LEFT - 5}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#4d5b69">{tick}</text>')
    for i, count in enumerate(daily.counts):
        if count:
            colour = "#b3001b" if daily.surge[i] else "#0b4f8a"
            day = daily.first + dt.timedelta(days=i)
            parts.append(f'<rect class="bar" x="{LEFT + i * bar_w + 0.5:.1f}" y="{y(count):.1f}" '
                         f'width="{max(bar_w - 1, 1):.1f}" height="{TOP + plot_h - y(count):.1f}" fill="{colour}">'
                         f'<title>{day.isoformat()}: {count} event{"s" if count != 1 else ""}</title></rect>')
    for i in range(0, n, 15):
        day = daily.first + dt.timedelta(days=i)
        parts.append(f'<text x="{LEFT + i * bar_w:.1f}" y="{HEIGHT - 8}" font-size="11" fill="#4d5b69">'
                     f'{day:%d %b}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 6}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#4d5b69"/>')
    parts.append("</svg>")
    return "".join(parts)


def summary(daily: DailyCounts) -> str:
    """The chart in words (for screen readers and the printed page)."""
    runs = daily.surge_runs()
    text = f"{daily.total} events in the {len(daily.counts)} days from {daily.first.isoformat()}."
    for start, end in runs:
        a, b = daily.first + dt.timedelta(days=start), daily.first + dt.timedelta(days=end)
        text += f" Surge {a:%d %b}–{b:%d %b}: {sum(daily.counts[start:end + 1])} events."
    return text if runs else text + " No surge."
