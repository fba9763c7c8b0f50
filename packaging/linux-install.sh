#!/bin/sh
# Add NetDesk (this unpacked folder) to your applications menu and put `netdesk` on your PATH.
# Per user, no root needed. `./install.sh --uninstall` takes both away again (your contacts
# stay where they are, in ~/.local/share/NetDesk).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor/256x256/apps"
bin="$HOME/.local/bin"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/netdesk.desktop" "$icons/netdesk.png" "$bin/netdesk"
    echo "NetDesk removed from the menu and from $bin."
    exit 0
fi

mkdir -p "$apps" "$icons" "$bin"
cp "$here/netdesk.png" "$icons/netdesk.png"
sed -e "s|^Exec=NetDesk|Exec=\"$here/NetDesk\"|" -e "s|^TryExec=NetDesk|TryExec=$here/NetDesk|" \
    "$here/netdesk.desktop" > "$apps/netdesk.desktop"
ln -sf "$here/NetDesk" "$bin/netdesk"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "NetDesk is in your applications menu; \`netdesk\` runs it from a terminal ($bin)."
