#!/usr/bin/env bash
# The README's two commands on a fresh Debian 12 with only git, where no container can be started:
# a debootstrap'd minimal Debian (--variant=minbase) in a scratch folder, entered with chroot in a
# private mount namespace. Inside: git is installed and the package lists deleted (as in a
# container image), the repository is cloned, and then, as a user would:
#   ./workbench                 (no display: real apt-get update/install, real first Maven build,
#                                then the no-display sentence and exit status 4)
#   ./workbench test -Dtest=... (the README's test command, for the named test classes only)
#   xvfb-run ./workbench gui --smoke-test   (after apt-get install xvfb: the window opens and
#                                trains one epoch on the sample)
# Needs root, debootstrap, and the network to Debian's mirror and Maven Central; about 6 minutes
# and 1.5 GB of disk here. Results: docs/INSTALL.md, "What was checked".
#
#   installers/tools/debian-chroot-check.sh [TESTS]   (default TESTS: DisplayCheckTest,
#                                                      CompletionScriptTest,LicenceStatementsTest)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
tests=${1:-DisplayCheckTest,CompletionScriptTest,LicenceStatementsTest}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" -eq 0 ] || { echo "needs root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null 2>&1 || { echo "needs debootstrap: apt-get install -y debootstrap" >&2; exit 1; }

root=$(mktemp -d /tmp/debian-chroot-check.XXXXXX)
chmod 755 "$root"   # it becomes /, which apt's _apt user must be able to enter
cleanup() {
  rm -rf --one-file-system "$root" "$root".*.log
  if [ -e "$root" ]; then echo "debian-chroot-check: could not remove $root; remove it by hand" >&2; fi
}
trap cleanup EXIT
fails=0

echo "== debootstrap --variant=minbase bookworm"
debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 \
  || { tail -20 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Where this machine reaches the network through a TLS proxy whose CA it trusts (certificates
# added under /usr/local/share/ca-certificates), the chroot gets the same trust; a user's
# machine does not need this.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi

# Runs a command inside, as root with a clean environment and no display.
inside() {
  unshare --mount --propagation private --fork bash -c '
    r=$0
    mount -t proc proc "$r/proc"
    mount --rbind /dev "$r/dev"
    mount -t sysfs sys "$r/sys"
    exec chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$1"
  ' "$root" "$1"
}

echo "== git only, no package lists"
inside 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git ca-certificates >/dev/null \
  && update-ca-certificates >/dev/null && rm -rf /var/lib/apt/lists/*'
git clone -q "$repo" "$root/root/dml-workbench"
inside 'command -v java mvn || true; git --version'

echo "== ./workbench (no display)"
rc=0
inside 'cd /root/dml-workbench && ./workbench' > "$root.gui.log" 2>&1 || rc=$?
grep -E '^workbench:' "$root.gui.log" || true
echo "Maven downloaded $(grep -c 'Downloaded from' "$root.gui.log") files"
if [ "$rc" -eq 4 ] && grep -q 'BUILD SUCCESS' "$root.gui.log" \
    && tail -n 1 "$root.gui.log" | grep -q 'error: there is no display.*xvfb-run ./workbench'; then
  echo "PASS: ./workbench installed what it needs, built, and ended with the no-display sentence (exit 4)"
else
  echo "FAIL: ./workbench exited $rc:"; tail -n 15 "$root.gui.log"; fails=$((fails + 1))
fi

echo "== ./workbench test -Dtest=$tests"
rc=0
inside "cd /root/dml-workbench && ./workbench test -Dtest=$tests -DfailIfNoTests=false" > "$root.test.log" 2>&1 || rc=$?
grep -E 'Tests run: [0-9]+, Failures' "$root.test.log" | tail -n 1 || true
if [ "$rc" -eq 0 ]; then echo "PASS: ./workbench test"; else echo "FAIL: ./workbench test exited $rc"; tail -n 30 "$root.test.log"; fails=$((fails + 1)); fi

echo "== xvfb-run ./workbench gui --smoke-test"
rc=0
inside 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb >/dev/null && cd /root/dml-workbench \
  && xvfb-run -a -s "-screen 0 1400x900x24" ./workbench gui --smoke-test' > "$root.xvfb.log" 2>&1 || rc=$?
grep '^smoke test:' "$root.xvfb.log" || true
if [ "$rc" -eq 0 ] && grep -q '^smoke test: completed' "$root.xvfb.log"; then echo "PASS: the window opened under Xvfb and trained one epoch"
else echo "FAIL: xvfb-run ./workbench exited $rc"; tail -n 20 "$root.xvfb.log"; fails=$((fails + 1)); fi

if [ "$fails" -eq 0 ]; then echo "debian-chroot-check: all passed"; else echo "debian-chroot-check: $fails failed"; exit 1; fi
