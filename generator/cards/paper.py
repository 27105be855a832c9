"""Paper sizes, and how card pages land on the sheets a printer takes.

A *layout* pairs a card size with the sheet it is printed on: one card a page (A6 card stock,
4 × 6 in index cards, a whole A4 page taped to the gym wall), or four cards on an A4 or Letter
sheet with cut marks. Sizes are in millimetres, portrait.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4
PT_PER_MM = 72 / MM_PER_INCH


@dataclass(frozen=True)
class Paper:
    key: str
    label: str
    width: float
    height: float

    @property
    def landscape(self) -> Paper:
        return Paper(self.key, self.label, self.height, self.width)


A4 = Paper("a4", "A4", 210.0, 297.0)
A5 = Paper("a5", "A5", 148.0, 210.0)
A6 = Paper("a6", "A6", 105.0, 148.0)
LETTER = Paper("letter", "Letter", 8.5 * MM_PER_INCH, 11 * MM_PER_INCH)
INDEX_4X6 = Paper("4x6", "4 × 6 in", 4 * MM_PER_INCH, 6 * MM_PER_INCH)
QUARTER_LETTER = Paper("quarter-letter", "¼ Letter", 4.25 * MM_PER_INCH, 5.5 * MM_PER_INCH)


@dataclass(frozen=True)
class Layout:
    key: str
    description: str
    card: Paper
    sheet: Paper
    across: int = 1
    down: int = 1
    week_sheet: Paper = A4  # the paper (turned landscape) of week sheets printed with these cards

    @property
    def per_sheet(self) -> int:
        return self.across * self.down

    @property
    def cut_marks(self) -> bool:
        return self.per_sheet > 1

    def slot(self, index: int) -> tuple[float, float]:
        """Top-left corner (mm) of card ``index`` on its sheet: rows first, centred on the sheet."""
        col, row = index % self.across, index // self.across
        x0 = (self.sheet.width - self.across * self.card.width) / 2
        y0 = (self.sheet.height - self.down * self.card.height) / 2
        return x0 + col * self.card.width, y0 + row * self.card.height


LAYOUTS: dict[str, Layout] = {
    "a6": Layout("a6", "A6 cards, one to a page", A6, A6),
    "a5": Layout("a5", "A5 cards, one to a page", A5, A5),
    "a4": Layout("a4", "A4 pages, one card to a page", A4, A4),
    "letter": Layout("letter", "Letter pages, one card to a page", LETTER, LETTER, week_sheet=LETTER),
    "4x6": Layout("4x6", "4 × 6 in index cards, one to a page", INDEX_4X6, INDEX_4X6, week_sheet=LETTER),
    "a4-4up": Layout("a4-4up", "four A6 cards on each A4 sheet, with cut marks", A6, A4, 2, 2),
    "letter-4up": Layout(
        "letter-4up",
        "four ¼-Letter cards on each Letter sheet, with cut marks",
        QUARTER_LETTER,
        LETTER,
        2,
        2,
        week_sheet=LETTER,
    ),
}
