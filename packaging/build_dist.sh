#!/bin/sh
# `make dist`: freeze Sourcelight with PyInstaller (build.spec), then pack the Linux artefacts:
#   dist/sourcelight-<version>-linux-<arch>.tar.gz   app folder + .desktop + icons + install.sh
#   dist/sourcelight_<version>_<debarch>.deb         where dpkg-deb exists (installs in /opt;
#                                                    DEB_COMPRESS=xz for a smaller, slower one)
# Usage: packaging/build_dist.sh [PYTHON]   (default .venv/bin/python; run from the repo root)
set -eu

PY="${1:-.venv/bin/python}"
cd "$(dirname "$0")/.."
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' reader/__init__.py)
ARCH=$(uname -m)
NAME="sourcelight-$VERSION-linux-$ARCH"
TARBALL="dist/$NAME.tar.gz"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN build.spec
built=$(date +%s)
echo "dist: PyInstaller build took $((built - start)) s"

# --- tarball ------------------------------------------------------------------------------
STAGE="build/stage"
rm -rf "$STAGE" "$TARBALL"
mkdir -p "$STAGE/$NAME"
cp -al dist/sourcelight "$STAGE/$NAME/sourcelight" 2>/dev/null || cp -a dist/sourcelight "$STAGE/$NAME/sourcelight"
cp packaging/sourcelight.desktop packaging/sourcelight.png packaging/sourcelight.svg "$STAGE/$NAME/"
cp packaging/install.sh "$STAGE/$NAME/install.sh"
chmod 755 "$STAGE/$NAME/install.sh"
echo "$VERSION" > "$STAGE/$NAME/VERSION"
cat > "$STAGE/$NAME/README.txt" <<EOF
Sourcelight $VERSION for Linux ($ARCH)

  ./install.sh               install for your user under ~/.local (no root needed)
  ./install.sh --uninstall   remove it again
  ./sourcelight/sourcelight  or run it from here without installing

Check an installation with:  sourcelight --self-test
EOF
tar -C "$STAGE" --owner=0 --group=0 --numeric-owner -czf "$TARBALL" "$NAME"
packed=$(date +%s)
echo "dist: $TARBALL ($(du -h "$TARBALL" | cut -f1); app folder $(du -sh dist/sourcelight | cut -f1) unpacked) in $((packed - built)) s"

# --- .deb -------------------------------------------------------------------------------------
if command -v dpkg-deb >/dev/null 2>&1; then
    DEBARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
    DEB="dist/sourcelight_${VERSION}_$DEBARCH.deb"
    ROOT="build/deb"
    rm -rf "$ROOT" "$DEB"
    mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
        "$ROOT/usr/share/icons/hicolor/256x256/apps" "$ROOT/usr/share/icons/hicolor/scalable/apps"
    cp -al dist/sourcelight "$ROOT/opt/sourcelight" 2>/dev/null || cp -a dist/sourcelight "$ROOT/opt/sourcelight"
    ln -s /opt/sourcelight/sourcelight "$ROOT/usr/bin/sourcelight"
    sed -e 's|^Exec=.*|Exec=/opt/sourcelight/sourcelight %f|' -e 's|^TryExec=.*|TryExec=/opt/sourcelight/sourcelight|' \
        packaging/sourcelight.desktop > "$ROOT/usr/share/applications/sourcelight.desktop"
    cp packaging/sourcelight.png "$ROOT/usr/share/icons/hicolor/256x256/apps/"
    cp packaging/sourcelight.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/"
    SIZE_KB=$(du -sk "$ROOT" | cut -f1)
    GLIBC=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
    # glibc as new as the build machine's, and the window's system libraries: the set
    # reader/xcb_libraries.py names (checked in a bare Debian chroot). PyInstaller bundles only
    # those the build machine has (a build host without libxcb-icccm4 ships an app that needs
    # it), so the package depends on the whole set; Wayland optional.
    XCB_DEPENDS=$("$PY" -c 'from reader.xcb_libraries import XCB_APT_PACKAGES; print(", ".join(XCB_APT_PACKAGES))')
    cat > "$ROOT/DEBIAN/control" <<EOF
Package: sourcelight
Version: $VERSION
Architecture: $DEBARCH
Maintainer: Sourcelight <sourcelight@localhost>
Installed-Size: $SIZE_KB
Depends: libc6 (>= ${GLIBC:-2.31}), $XCB_DEPENDS
Recommends: libwayland-client0, libwayland-cursor0
Section: text
Priority: optional
Description: news reader that shows who says what
 Sourcelight opens news articles and marks every attributed claim (quotes, reported
 speech, "according to", hedges), listing each source with its claims and your notes.
EOF
    # gzip: ~30 s and about the tarball's size; DEB_COMPRESS=xz gives ~25 % less but takes ~3.5 min.
    dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-gzip}" -z6 --build "$ROOT" "$DEB" >/dev/null
    echo "dist: $DEB ($(du -h "$DEB" | cut -f1)) in $(( $(date +%s) - packed )) s"
fi
