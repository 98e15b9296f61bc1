#!/usr/bin/env bash
# Smoke test of the built .deb (builds nothing): unpack it into a scratch root, start the installed
# launcher without a screen, train one epoch on the bundled sample data through the window, and
# check that the run landed in the user's workbench home and that the install folder is unchanged.
# Checks first what the package puts outside /opt (bash completion, /usr/bin link) and its licences.
#
#   installers/test-deb.sh [PATH.deb]     (default: the one in target/installer/)
#
# Needs dpkg-deb, and xvfb-run + libgtk-3-0 when no DISPLAY is set. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }

deb=${1:-}
if [ -z "$deb" ]; then
  shopt -s nullglob
  debs=(target/installer/*.deb)
  [ ${#debs[@]} -eq 1 ] || fail "expected one .deb in target/installer/, found ${#debs[@]}; build it with: mvn -B -Pinstaller -DskipTests package"
  deb=${debs[0]}
fi
[ -f "$deb" ] || fail "$deb does not exist"
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/root        # the unpacked package, as if installed
home=$scratch/home        # DMLWB_HOME: where runs must go
work=$scratch/cwd         # an empty working directory: the sample must come from the jar
djl=$scratch/djl-cache    # fresh DJL cache: libtorch is extracted from the installed jar, offline
mkdir -p "$root" "$home" "$work" "$djl"

dpkg-deb -x "$deb" "$root"
launcher=$root/opt/dml-workbench/bin/dml-workbench
[ -x "$launcher" ] || fail "the package has no launcher at /opt/dml-workbench/bin/dml-workbench"

# What the package installs besides /opt: the command by name and its bash completion
# (installers/deb-extras.sh), and the licences (installers/linux/copyright, LICENSE.txt and the
# build's THIRD-PARTY.txt).
completion=$root/usr/share/bash-completion/completions/dml-workbench
[ -s "$completion" ] || fail "the package has no /usr/share/bash-completion/completions/dml-workbench"
for sub in train eval query index info datasets gui bench study; do
  grep -qw -- "$sub" "$completion" || fail "the bash completion does not name the subcommand $sub"
done
bash -c 'source "$1" && complete -p dml-workbench' _ "$completion" >/dev/null \
  || fail "the bash completion script does not register a completion for dml-workbench"
[ "$(readlink "$root/usr/bin/dml-workbench")" = /opt/dml-workbench/bin/dml-workbench ] \
  || fail "/usr/bin/dml-workbench is not a link to /opt/dml-workbench/bin/dml-workbench"
grep -q "^License: GPL-3+" "$root/usr/share/doc/dml-workbench/copyright" \
  || fail "/usr/share/doc/dml-workbench/copyright does not state GPL-3+ (installers/linux/copyright)"
for file in LICENSE.txt THIRD-PARTY.txt; do
  [ -s "$root/opt/dml-workbench/lib/app/$file" ] || fail "the package has no /opt/dml-workbench/lib/app/$file"
done
echo "test-deb: bash completion, /usr/bin/dml-workbench, copyright and licence files are in place"

# Size, mtime and path of everything installed: compared after the run.
snapshot() { (cd "$root" && find . -printf '%p %s %T@ %m\n' | sort); }
snapshot > "$scratch/before.txt"

display=()
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null 2>&1 || fail "no DISPLAY and no xvfb-run: apt-get install -y xvfb libgtk-3-0"
  display=(xvfb-run -a -s "-screen 0 1400x900x24")
fi

echo "test-deb: running the installed launcher: dml-workbench gui --smoke-test"
start=$(date +%s)
set +e
(cd "$work" && DMLWB_HOME="$home" DJL_CACHE_DIR="$djl" ENGINE_CACHE_DIR="$djl" \
  timeout 900 "${display[@]}" "$launcher" gui --smoke-test) 2>&1 | tee "$scratch/output.txt"
status=${PIPESTATUS[0]}
set -e
echo "test-deb: the launcher exited with $status after $(( $(date +%s) - start )) s"

[ "$status" -eq 0 ] || fail "the installed program exited with $status"
grep -q '^smoke test: completed' "$scratch/output.txt" || fail "no 'smoke test: completed' line in the output"
run=$(sed -n 's/^smoke test: run folder //p' "$scratch/output.txt" | tail -1)
[ -n "$run" ] || fail "the smoke test did not say where it wrote its run"
case "$run" in
  "$home"/runs/*) ;;
  *) fail "the run was written to $run, not under DMLWB_HOME ($home/runs)";;
esac
for file in config.json metrics.csv model.params status.json; do
  [ -s "$run/$file" ] || fail "the run folder $run has no $file"
done
grep -qi completed "$run/status.json" || fail "$run/status.json does not say completed: $(cat "$run/status.json")"

snapshot > "$scratch/after.txt"
if ! diff -q "$scratch/before.txt" "$scratch/after.txt" >/dev/null; then
  diff "$scratch/before.txt" "$scratch/after.txt" | head -20 >&2
  fail "the run changed files inside the install root"
fi
[ -z "$(ls -A "$work")" ] || fail "the program wrote into its working directory: $(ls -A "$work")"

echo "test-deb: run folder written under DMLWB_HOME: ${run#"$home"/}"
echo "test-deb: the install root is unchanged and the working directory empty"
echo "test-deb: package size $(du -h "$deb" | cut -f1), installed size $(du -sh "$root" | cut -f1)"
echo "test-deb: PASSED"
