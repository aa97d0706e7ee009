#!/bin/sh
# Install the Debian packages of the given groups of debian-packages.txt that are missing.
#   scripts/debian-packages.sh run        # what `make demo` needs
#   scripts/debian-packages.sh run test   # what `make test` needs
# Installs as root, or through sudo; otherwise prints the one command to run and fails.
# Nothing is printed when everything is already installed. SYSTEM_DEPS=skip skips the check;
# DEBIAN_PACKAGES names another list (the tests use it).
set -eu
list=${DEBIAN_PACKAGES:-$(dirname "$0")/../debian-packages.txt}
[ "${SYSTEM_DEPS:-}" = skip ] && exit 0

wanted=$(awk -v groups=" $* " '
  /^# \[[a-z]+\]/ { g = $2; gsub(/[][]/, "", g); next }
  /^#/ || NF == 0 { next }
  index(groups, " " g " ") { print $1 }' "$list")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "debian-packages: not a Debian system; install the equivalents of:" $wanted >&2
  exit 0
fi
missing=""
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

echo "debian-packages: missing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
  as_root="sudo"
else
  echo "debian-packages: cannot install them without root. Run this once, then the make command again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
  echo "  (or as root: apt-get update && apt-get install -y$missing)" >&2
  exit 1
fi
echo "debian-packages: installing them${as_root:+ with sudo} (apt-get)"
$as_root apt-get update -qq
# shellcheck disable=SC2086  # one word a package
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
