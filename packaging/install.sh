#!/bin/sh
# Install Sourcelight for the current user, under ~/.local; no root needed.
#
#   ./install.sh                 install (or upgrade) from the unpacked tarball
#   ./install.sh --uninstall     remove it again (also: ~/.local/lib/sourcelight/uninstall.sh)
#   ./install.sh --prefix DIR    use DIR instead of ~/.local (same for --uninstall)
#
# Installs:  DIR/lib/sourcelight/                        the app folder
#            DIR/bin/sourcelight                          a symlink to the app
#            DIR/share/applications/sourcelight.desktop   the menu entry
#            DIR/share/icons/hicolor/{256x256,scalable}/apps/sourcelight.{png,svg}
# Your library, notes and logs (~/.local/share/Sourcelight) are never touched.
set -eu

PREFIX="$HOME/.local"
ACTION=install
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) ACTION=uninstall ;;
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; PREFIX="$2"; shift ;;
        --prefix=*) PREFIX="${1#--prefix=}" ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

case "$PREFIX" in /*) ;; *) PREFIX="$(pwd)/$PREFIX" ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
APP_DIR="$PREFIX/lib/sourcelight"
MARKER="$APP_DIR/.installed-by-sourcelight"
BIN="$PREFIX/bin/sourcelight"
DESKTOP="$PREFIX/share/applications/sourcelight.desktop"
ICONS="$PREFIX/share/icons/hicolor"
PNG="$ICONS/256x256/apps/sourcelight.png"
SVG="$ICONS/scalable/apps/sourcelight.svg"

refresh_caches() {
    # Menus and icon themes pick the change up sooner; all optional.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$ICONS" 2>/dev/null || true
    fi
}

uninstall() {
    if [ -L "$BIN" ] && [ "$(readlink "$BIN")" = "$APP_DIR/sourcelight" ]; then rm -f "$BIN"; fi
    rm -f "$DESKTOP" "$PNG" "$SVG"
    if [ -d "$APP_DIR" ]; then
        if [ -f "$MARKER" ]; then
            rm -rf "$APP_DIR"
        else
            echo "install.sh: $APP_DIR was not installed by this script; left in place" >&2
        fi
    fi
    refresh_caches
    echo "Sourcelight removed from $PREFIX."
    echo "Your library and notes are still in ~/.local/share/Sourcelight (delete that folder to remove them)."
}

install() {
    for f in sourcelight/sourcelight sourcelight.desktop sourcelight.png sourcelight.svg; do
        [ -e "$HERE/$f" ] || { echo "install.sh: $HERE/$f is missing; run me from the unpacked tarball" >&2; exit 1; }
    done
    if [ -d "$APP_DIR" ] && [ ! -f "$MARKER" ]; then
        echo "install.sh: $APP_DIR exists and was not installed by this script; not overwriting it" >&2
        exit 1
    fi
    mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$(dirname "$DESKTOP")" "$(dirname "$PNG")" "$(dirname "$SVG")"
    # Copy next to the old version, then swap, so a failed copy leaves the old one working.
    rm -rf "$APP_DIR.new" "$APP_DIR.old"
    cp -R "$HERE/sourcelight" "$APP_DIR.new"
    cp "$HERE/install.sh" "$APP_DIR.new/install.sh"
    printf '#!/bin/sh\nexec "$(dirname "$0")/install.sh" --uninstall --prefix "%s" "$@"\n' "$PREFIX" \
        > "$APP_DIR.new/uninstall.sh"
    chmod 755 "$APP_DIR.new/install.sh" "$APP_DIR.new/uninstall.sh"
    cat "$HERE/VERSION" > "$APP_DIR.new/.installed-by-sourcelight" 2>/dev/null || : > "$APP_DIR.new/.installed-by-sourcelight"
    if [ -d "$APP_DIR" ]; then mv "$APP_DIR" "$APP_DIR.old"; fi
    mv "$APP_DIR.new" "$APP_DIR"
    rm -rf "$APP_DIR.old"
    ln -sfn "$APP_DIR/sourcelight" "$BIN"
    # Absolute paths: a desktop session's PATH often lacks ~/.local/bin.
    sed -e "s|^Exec=.*|Exec=\"$APP_DIR/sourcelight\" %f|" -e "s|^TryExec=.*|TryExec=$APP_DIR/sourcelight|" \
        "$HERE/sourcelight.desktop" > "$DESKTOP"
    chmod 644 "$DESKTOP"
    cp "$HERE/sourcelight.png" "$PNG"
    cp "$HERE/sourcelight.svg" "$SVG"
    refresh_caches
    echo "Sourcelight installed in $APP_DIR."
    case ":$PATH:" in
        *":$PREFIX/bin:"*) echo "Start it from your applications menu, or run: sourcelight" ;;
        *) echo "Start it from your applications menu, or run: $BIN  ($PREFIX/bin is not on your PATH)" ;;
    esac
    echo "Uninstall with: $APP_DIR/uninstall.sh"
}

"$ACTION"
