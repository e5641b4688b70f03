"""Small markdown and number formatting helpers for BENCHMARKS.md."""

from __future__ import annotations

from collections.abc import Sequence


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured markdown table; numeric-looking columns are right-aligned."""
    align = [
        "---:" if rows and all(_numeric(row[i]) for row in rows) else "---"
        for i in range(len(headers))
    ]
    lines = [_row(headers), _row(align)]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _numeric(cell: str) -> bool:
    stripped = cell.replace(",", "").replace("x", "").replace("%", "").replace(" ms", "")
    stripped = stripped.replace(" MB", "").removesuffix(" s").strip()
    try:
        float(stripped)
    except ValueError:
        return cell in ("—", "")
    return True


def rate(value: float) -> str:
    return f"{value:,.0f}"


def millis(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


def share(value: float) -> str:
    return f"{value * 100:.2f}%" if value else "0%"


def megabytes(value: float) -> str:
    return f"{value:,.1f} MB"


def verdict(met: bool | None, *, reported: bool = False) -> str:
    if reported:
        return "reported (no target)"
    return {True: "met", False: "**missed**", None: "not measured yet"}[met]
