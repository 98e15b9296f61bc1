#!/usr/bin/env bash
# Checks ./workbench's set-up as on a fresh Debian/Ubuntu machine, where no container can be
# started (docs/INSTALL.md says what this does and does not prove). The script runs with a PATH
# that holds only what Debian's Essential packages install (as on a fresh image) and stand-ins for
# apt-get, apt-cache, dpkg and ldconfig that answer like a given release with nothing installed.
#
#   installers/tools/workbench-setup-check.sh           release scenarios, dry runs (seconds)
#   installers/tools/workbench-setup-check.sh --build   also: a fresh clone, not a dry run; the
#       stand-in apt-get "installs" this machine's JDK and Maven into the PATH when asked, the
#       real first build runs (Maven's full output), and `./workbench` without a display must end
#       with the no-display sentence and exit 4; `./workbench test -Dtest=...` runs one test class
#       through the README's test command (a few minutes; needs the dependencies in ~/.m2 or
#       Maven Central)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

build=${1:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fails=0
ok() { echo "PASS: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# --- a fresh image's PATH: the files of the Essential packages -----------------------------------
essential=$scratch/essential
mkdir -p "$essential"
for package in $(dpkg-query -W -f='${Package} ${Essential}\n' | awk '$2 == "yes" {print $1}'); do
  dpkg -L "$package" 2>/dev/null | grep -E '^/(usr/)?s?bin/[^/]+$' || true
done | sort -u | while read -r tool; do
  [ -x "$tool" ] && ln -sf "$tool" "$essential/$(basename "$tool")"
done
for tool in java javac mvn ldconfig dpkg apt-get apt-cache; do rm -f "$essential/$tool"; done

# --- stand-ins: apt answers like the release in SIM_* (see scenario below) ----------------------
stubs=$scratch/stubs
mkdir -p "$stubs"
cat > "$stubs/apt-cache" <<'EOF'
#!/bin/bash
case "$1" in
  depends) [ "$2" = default-jdk-headless ] && [ -n "$SIM_DEFAULT_JDK" ] \
             && printf 'default-jdk-headless\n  Depends: default-jre-headless\n  Depends: openjdk-%s-jdk-headless\n' "$SIM_DEFAULT_JDK" ;;
  search) for v in $SIM_JDKS; do echo "openjdk-$v-jdk-headless - OpenJDK Development Kit (JDK) (headless)"; done ;;
  policy) if [[ " $SIM_PACKAGES " == *" $2 "* ]]; then printf '%s:\n  Installed: (none)\n  Candidate: 1.0-1\n' "$2";
          else printf '%s:\n  Installed: (none)\n  Candidate: (none)\n' "$2"; fi ;;
esac
exit 0
EOF
cat > "$stubs/apt-get" <<'EOF'
#!/bin/bash
echo "apt-get $*" >> "$SIM_LOG"
if [ "$1" = install ] && [ -n "${SIM_INSTALL_FROM:-}" ]; then
  # "install": put this machine's JDK and Maven on the PATH
  for p in "$@"; do
    case "$p" in
      *jdk*) ln -sf "$SIM_INSTALL_FROM/java" "$SIM_BIN/java"; ln -sf "$SIM_INSTALL_FROM/javac" "$SIM_BIN/javac" ;;
      maven) ln -sf /usr/bin/mvn "$SIM_BIN/mvn" ;;
    esac
  done
fi
exit 0
EOF
printf '#!/bin/bash\nexit 1\n' > "$stubs/dpkg"
printf '#!/bin/bash\nexit 0\n' > "$stubs/ldconfig"
chmod +x "$stubs"/*

# One scenario: release answers, the mode, what apt must be asked for (or the error expected).
scenario() {
  local name=$1 default_jdk=$2 jdks=$3 packages=$4 mode=$5 expect=$6
  local log=$scratch/$name.log out=$scratch/$name.out rc=0
  : > "$log"
  (cd "$repo" && env -i HOME="$scratch/home" PATH="$stubs:$essential" SIM_LOG="$log" \
     SIM_DEFAULT_JDK="$default_jdk" SIM_JDKS="$jdks" SIM_PACKAGES="$packages" \
     DMLWB_SETUP_DRY_RUN=1 bash ./workbench $mode) > "$out" 2>&1 || rc=$?
  case "$expect" in
    error:*)
      if [ "$rc" -ne 0 ] && grep -q "${expect#error:}" "$out"; then ok "$name: refuses with '${expect#error:}'"
      else bad "$name: expected an error '${expect#error:}', got rc=$rc: $(cat "$out")"; fi ;;
    *)
      local update install
      update=$(grep -n 'would run: .*apt-get update' "$out" | cut -d: -f1 | head -n 1)
      install=$(grep -n 'would run: .*apt-get install -y' "$out" | cut -d: -f1 | head -n 1)
      if [ "$rc" -eq 0 ] && [ -n "$update" ] && [ -n "$install" ] && [ "$update" -lt "$install" ] \
          && grep -q "apt-get install -y $expect\$" "$out"; then
        ok "$name: apt-get update, then apt-get install -y $expect"
      else
        bad "$name: expected update then 'install -y $expect', rc=$rc: $(cat "$out")"
      fi ;;
  esac
}

echo "== scenarios (dry runs, PATH of Essential packages only, nothing installed)"
#        name              default JDK  JDKs offered   installable            mode  expected
scenario debian-12-window  17 "11 17"        "libgtk-3-0"            ""    "default-jdk-headless maven libgtk-3-0"
scenario debian-12-test    17 "17"           "libgtk-3-0"            test  "default-jdk-headless maven"
scenario debian-13-window  21 "21 25"        "libgtk-3-0t64"         ""    "default-jdk-headless maven libgtk-3-0t64"
scenario ubuntu-22.04-like 11 "8 11 17 19 21" "libgtk-3-0"           ""    "openjdk-21-jdk-headless maven libgtk-3-0"
scenario too-old-release   11 "8 11"         "libgtk-3-0"            ""    "error:apt offers no JDK 17 or newer"

# A Java 11 already on the PATH is not enough.
old=$scratch/old-java
mkdir -p "$old"
printf '#!/bin/bash\necho "openjdk version \\"11.0.22\\" 2024-01-16" >&2\n' > "$old/java"
cp "$old/java" "$old/javac"
printf '#!/bin/bash\nexit 0\n' > "$old/mvn"
chmod +x "$old"/*
out=$scratch/old.out
(cd "$repo" && env -i HOME="$scratch/home" PATH="$old:$stubs:$essential" SIM_LOG=/dev/null \
   SIM_DEFAULT_JDK=17 SIM_JDKS=17 SIM_PACKAGES= DMLWB_SETUP_DRY_RUN=1 bash ./workbench test) > "$out" 2>&1 || true
if grep -q 'install -y default-jdk-headless$' "$out"; then ok "java-11-on-path: installs a JDK 17+"
else bad "java-11-on-path: $(cat "$out")"; fi

# Everything present (this machine's JDK 17 and Maven, GTK listed by ldconfig): apt is not called.
present=$scratch/present
mkdir -p "$present"
ln -sf "$(command -v java)" "$present/java"; ln -sf "$(command -v javac)" "$present/javac"; ln -sf "$(command -v mvn)" "$present/mvn"
printf '#!/bin/bash\necho "\tlibgtk-3.so.0 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libgtk-3.so.0"\n' > "$present/ldconfig"
chmod +x "$present/ldconfig"
log=$scratch/present.log; : > "$log"; out=$scratch/present.out
(cd "$repo" && env -i HOME="$scratch/home" PATH="$present:$stubs:$essential" SIM_LOG="$log" \
   DMLWB_SETUP_DRY_RUN=1 bash ./workbench) > "$out" 2>&1 || true
if [ ! -s "$log" ] && ! grep -q apt-get "$out"; then ok "all-present: no apt-get at all"
else bad "all-present: $(cat "$out")"; fi

if [ "$build" = --build ]; then
  echo "== fresh clone, not a dry run: ./workbench (no display), then ./workbench test -Dtest=DisplayCheckTest"
  clone=$scratch/clone
  git clone -q "$repo" "$clone"
  bin=$scratch/bin
  mkdir -p "$bin"
  log=$scratch/build.log; : > "$log"; out=$scratch/build.out
  jdk_bin=$(dirname "$(readlink -f "$(command -v javac)")")
  rc=0
  (cd "$clone" && env -i HOME="$HOME" PATH="$bin:$stubs:$essential" SIM_LOG="$log" SIM_BIN="$bin" \
     SIM_INSTALL_FROM="$jdk_bin" SIM_DEFAULT_JDK=17 SIM_JDKS=17 SIM_PACKAGES=libgtk-3-0 \
     bash ./workbench) > "$out" 2>&1 || rc=$?
  echo "apt-get calls: $(tr '\n' ';' < "$log")"
  grep -E '^workbench:|Downloading from|BUILD|^error:' "$out" | head -n 12
  if [ "$(head -n 1 "$log")" = "apt-get update" ] && grep -q '^apt-get install -y default-jdk-headless maven libgtk-3-0$' "$log"; then
    ok "fresh clone: apt-get update, then install default-jdk-headless maven libgtk-3-0"
  else bad "fresh clone: apt calls were: $(cat "$log")"; fi
  if grep -q 'first build: Maven downloads' "$out" && grep -q '\[INFO\] BUILD SUCCESS' "$out"; then
    ok "fresh clone: the first build ran with Maven's output (progress), BUILD SUCCESS"
  else bad "fresh clone: the first build: $(tail -n 20 "$out")"; fi
  if [ "$rc" -eq 4 ] && tail -n 1 "$out" | grep -q 'error: there is no display.*xvfb-run ./workbench'; then
    ok "fresh clone: ./workbench without a display ends with the sentence, exit 4"
  else bad "fresh clone: ./workbench exited $rc: $(tail -n 3 "$out")"; fi
  rc=0
  (cd "$clone" && env -i HOME="$HOME" PATH="$bin:$stubs:$essential" SIM_LOG="$log" \
     bash ./workbench test -Dtest=DisplayCheckTest -DfailIfNoTests=false) > "$out" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ] && grep -q 'Tests run: 6, Failures: 0, Errors: 0' "$out"; then
    ok "fresh clone: ./workbench test (one class: -Dtest=DisplayCheckTest) passed"
  else bad "fresh clone: ./workbench test exited $rc: $(tail -n 15 "$out")"; fi
fi

if [ "$fails" -eq 0 ]; then echo "workbench-setup-check: all passed"; else echo "workbench-setup-check: $fails failed"; exit 1; fi
