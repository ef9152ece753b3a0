#!/usr/bin/env bash
# The system packages the test suite needs; `make test` and .ci/run both run this script.
#
#   gettext               msgfmt, for `make messages` (compilemessages)
#   python3-venv          `python3 -m venv`, which makes .venv
#   chromium              the browser tests and the gates (tests/browser/, tests/gates/),
#                         at /usr/bin/chromium (or $CHROMIUM_PATH)
#   default-jre-headless  Java, which runs the Nu HTML checker (tests/gates/)
#   nodejs, npm           axe-core and Lighthouse (tests/gates/), which `npm ci` installs
#
# As root, or with passwordless sudo, on a machine with apt-get (Debian, Ubuntu), it installs
# the missing ones, quietly. Otherwise it prints one line per missing tool with the command
# that installs it and exits 0: the tests that need a missing tool skip and say so.
#
#   scripts/system-deps.sh            install what is missing, or say what is
#   scripts/system-deps.sh --require  the same, but exit 1 if anything is still missing (CI)
set -uo pipefail

require=false
case "${1:-}" in
    "") ;;
    --require) require=true ;;
    *) echo "usage: $0 [--require]" >&2; exit 2 ;;
esac

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
python=${PYTHON:-python3}

# Each missing tool as "package|what is missing, and what for".
missing=()
find_missing() {
    missing=()
    command -v msgfmt >/dev/null \
        || missing+=("gettext|msgfmt (GNU gettext), for make messages")
    "$python" -c 'import ensurepip, venv' 2>/dev/null \
        || missing+=("python3-venv|$python -m venv, which makes .venv")
    [ -x "$chromium" ] \
        || missing+=("chromium|Chromium at $chromium, for the browser tests and the gates")
    command -v java >/dev/null \
        || missing+=("default-jre-headless|java, for the Nu HTML checker gate")
    command -v node >/dev/null \
        || missing+=("nodejs|node, for the axe-core and Lighthouse gates")
    command -v npm >/dev/null \
        || missing+=("npm|npm, which installs the gates' Node packages (npm ci)")
}

find_missing
[ ${#missing[@]} -eq 0 ] && exit 0

# Install through apt-get when this user may.
as_root=()
can_install=false
if command -v apt-get >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        can_install=true
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        as_root=(sudo -n)
        can_install=true
    fi
fi

if $can_install; then
    packages=()
    for entry in "${missing[@]}"; do packages+=("${entry%%|*}"); done
    echo "system-deps: installing ${packages[*]} (apt-get)"
    log=$(mktemp)
    apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300)
    if ! { "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends "${packages[@]}"; } \
        >"$log" 2>&1; then
        echo "system-deps: apt-get failed:"
        tail -n 20 "$log"
    fi
    rm -f "$log"
    find_missing
    [ ${#missing[@]} -eq 0 ] && exit 0
fi

for entry in "${missing[@]}"; do
    package=${entry%%|*}
    if command -v apt-get >/dev/null; then
        how="sudo apt-get install --no-install-recommends $package"
    else
        how="your system's package manager (Debian/Ubuntu: apt-get install $package)"
    fi
    echo "system-deps: missing ${entry#*|}; install it with: $how"
done
if command -v apt-get >/dev/null && ! $can_install; then
    echo "system-deps: or install them all with: sudo $0"
fi
$require && exit 1
exit 0
