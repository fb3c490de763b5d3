#!/usr/bin/env bash
# Installs the Debian packages IMIS-customer needs, only those that are missing.
# apt-get directly as root, through sudo otherwise.
set -euo pipefail

packages=(
  python3-qgis qgis qgis-providers        # QGIS 3.22 desktop + Python bindings
  python3-venv python3-psycopg2           # venv for /usr/bin/python3; psycopg2 linked to system libpq
  python3-gdal gdal-bin                   # OGR for parcel/ward imports
  python3-scipy python3-matplotlib        # Gi* statistics, trend tests, report charts
  postgresql-15 postgresql-15-postgis-3 postgresql-client-15
  xvfb xauth                              # headless QGIS for the demo screenshot
  qttools5-dev-tools pyqt5-dev-tools      # lrelease, pylupdate5, pyrcc5
  poppler-utils                           # pdftoppm, to look at report PDFs
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
