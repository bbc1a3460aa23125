"""Write resources/sample-article.pdf from resources/sample-article.txt (run from the repository).

    .venv/bin/python packaging/make_sample_pdf.py

The self-test (`reader --self-test`, reader/selftest.py) opens the PDF through the same loader
as File > Open, so a frozen build proves that PDFium is bundled and reads text layers. The PDF
is laid out like a press release: a title, the byline, justified paragraphs on two A4 pages,
and a running header and a page number on each page (which the loader must drop).
fpdf2 (the dev extra) writes it; the font is DejaVu Serif (free licence), embedded as a subset,
because the sample's curly quotes are not in the PDF core fonts.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "sample-article.txt"
TARGET = ROOT / "resources" / "sample-article.pdf"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/Library/Fonts"), Path("C:/Windows/Fonts")]
FONT_FILES = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf"}
RUNNING_HEADER = "Sourcelight sample article"
BODY_SIZE, TITLE_SIZE, LINE_MM = 12, 18, 6.5
CREATION_DATE = "20240305120000"  # fixed, so the file is the same on every run


def _font(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    sys.exit(f"{name} not found in {', '.join(map(str, FONT_DIRS))}: install the DejaVu fonts")


class SamplePdf(FPDF):
    def header(self) -> None:
        self.set_font("Serif", size=9)
        self.set_xy(20, 10)
        self.cell(0, 5, RUNNING_HEADER)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_font("Serif", size=9)
        self.set_xy(100, 284)
        self.cell(10, 5, str(self.page_no()), align="C")


def build() -> bytes:
    title, byline, *paragraphs = [line for line in SOURCE.read_text(encoding="utf-8").split("\n") if line.strip()]
    author = byline.removeprefix("By ").strip()
    pdf = SamplePdf(format="A4")
    pdf.set_margins(20, 25, 20)
    pdf.set_auto_page_break(True, margin=25)
    for style, name in FONT_FILES.items():
        pdf.add_font("Serif", style, str(_font(name)))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("packaging/make_sample_pdf.py (fpdf2)")
    pdf.set_creation_date(datetime.strptime(CREATION_DATE, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc))
    pdf.add_page()
    pdf.set_font("Serif", "B", TITLE_SIZE)
    pdf.multi_cell(0, 9, title)
    pdf.ln(3)
    pdf.set_font("Serif", size=BODY_SIZE)
    pdf.multi_cell(0, LINE_MM, byline)
    pdf.ln(4)
    for paragraph in paragraphs:
        pdf.multi_cell(0, LINE_MM, paragraph, align="J")
        pdf.ln(3)
    return bytes(pdf.output())


if __name__ == "__main__":
    TARGET.write_bytes(build())
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes)")
