"""Draw Sourcelight's icon: writes sourcelight.svg and renders .png / .ico / .icns from it.

    .venv/bin/python packaging/make_icon.py      # rewrites the files next to this script

The SVG is the source (a page of text with one highlighted line and a quote bubble);
Qt's SVG renderer draws the PNG sizes, and Qt's ico / icns image plugins write the
Windows and macOS icons that build.spec uses on those systems. The outputs are committed,
so a build does not need to run this.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>Sourcelight</title>
  <rect x="8" y="8" width="240" height="240" rx="48" fill="#1f3a5f"/>
  <rect x="52" y="36" width="136" height="180" rx="12" fill="#ffffff"/>
  <rect x="70" y="62" width="96" height="10" rx="5" fill="#9aa7b8"/>
  <rect x="62" y="86" width="116" height="24" rx="6" fill="#ffd54a"/>
  <rect x="70" y="93" width="92" height="10" rx="5" fill="#1f3a5f"/>
  <rect x="70" y="124" width="100" height="10" rx="5" fill="#9aa7b8"/>
  <rect x="70" y="146" width="72" height="10" rx="5" fill="#9aa7b8"/>
  <rect x="70" y="168" width="52" height="10" rx="5" fill="#9aa7b8"/>
  <circle cx="186" cy="186" r="44" fill="#ffd54a" stroke="#1f3a5f" stroke-width="8"/>
  <path d="M158 218 L150 238 L174 226 Z" fill="#ffd54a"/>
  <circle cx="172" cy="180" r="9" fill="#1f3a5f"/>
  <path d="M163 182 Q163 200 176 204" fill="none" stroke="#1f3a5f" stroke-width="7" stroke-linecap="round"/>
  <circle cx="198" cy="180" r="9" fill="#1f3a5f"/>
  <path d="M189 182 Q189 200 202 204" fill="none" stroke="#1f3a5f" stroke-width="7" stroke-linecap="round"/>
</svg>
"""

SIZES = (256, 512)  # hicolor/256x256 and the .ico; the .icns wants 512


def render(renderer, size: int):  # noqa: ANN001, ANN201 - Qt types imported lazily
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(out_dir: Path = HERE) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - image plugins need it
    (out_dir / "sourcelight.svg").write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode()))
    if not renderer.isValid():
        raise SystemExit("the SVG does not parse")
    images = {size: render(renderer, size) for size in SIZES}
    ok = images[256].save(str(out_dir / "sourcelight.png"))
    ok &= images[256].save(str(out_dir / "sourcelight.ico"), "ICO")  # Windows (build.spec icon=)
    ok &= images[512].save(str(out_dir / "sourcelight.icns"), "ICNS")  # macOS (BUNDLE icon=)
    print("wrote", ", ".join(p.name for p in sorted(out_dir.glob("sourcelight.*"))))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
