#!/usr/bin/env bash
# Compares `nettwin check` with Checkov's ARM checks on the corpus templates (Docs/CHECKOV.md).
#
# Run by hand from the repository root, after a release build:
#
#   swift build -c release --product nettwin
#   Scripts/checkov-compare.sh
#
# Never run from the tests: it installs Checkov from PyPI into a virtual environment.
#
# Environment (all optional):
#   CORPUS          corpus folder (default: ../shared/corpus/arm beside the repository)
#   NETTWIN         nettwin binary (default: .build/release/nettwin)
#   CHECKOV_VENV    virtual environment for Checkov (default: .build/checkov-venv; .build/ is ignored by git)
#   CHECKOV_VERSION Checkov version to install (default: the pinned one below)
#   OUT             where the raw outputs and the report go (default: .build/checkov-compare)
#   PYTHON          Python used to create the virtual environment (default: python3)
#
# Every top-level corpus folder that holds a .json file is one template set; folders whose name
# starts with '_' (the ARM function samples, which include JSON fragments that are not templates)
# are left out. Both tools get the same folder: NetTwin expands the templates in it (with a
# sibling NAME.parameters.json), Checkov scans every .json file in it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CHECKOV_VERSION="${CHECKOV_VERSION:-3.3.30}"
CORPUS="${CORPUS:-$ROOT/../shared/corpus/arm}"
NETTWIN="${NETTWIN:-$ROOT/.build/release/nettwin}"
CHECKOV_VENV="${CHECKOV_VENV:-$ROOT/.build/checkov-venv}"
OUT="${OUT:-$ROOT/.build/checkov-compare}"
PYTHON="${PYTHON:-python3}"

die() { echo "checkov-compare: $*" >&2; exit 2; }

[ -d "$CORPUS" ] || die "corpus folder '$CORPUS' not found (set CORPUS=/path/to/shared/corpus/arm)"
CORPUS="$(cd "$CORPUS" && pwd)"
[ -x "$NETTWIN" ] || die "nettwin binary '$NETTWIN' not found or not executable (build it: swift build -c release --product nettwin, or set NETTWIN=...)"
command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found (set PYTHON=...)"

# --- Checkov in its own virtual environment ---------------------------------------------------
if [ ! -x "$CHECKOV_VENV/bin/python" ]; then
    echo "creating virtual environment $CHECKOV_VENV"
    "$PYTHON" -m venv "$CHECKOV_VENV" || die "could not create a virtual environment in '$CHECKOV_VENV'"
fi
installed="$("$CHECKOV_VENV/bin/python" -m pip show checkov 2>/dev/null | sed -n 's/^Version: //p' || true)"
if [ "$installed" != "$CHECKOV_VERSION" ]; then
    echo "installing checkov==$CHECKOV_VERSION into $CHECKOV_VENV"
    "$CHECKOV_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION" \
        || die "pip could not install checkov==$CHECKOV_VERSION"
fi
CHECKOV="$CHECKOV_VENV/bin/checkov"
# Offline: no Prisma Cloud guideline download (it would try the network and print a traceback).
export BC_SKIP_MAPPING=TRUE
CHECKOV_ARGS=(--framework arm -o json --compact --skip-download --soft-fail)

# --- the template folders ---------------------------------------------------------------------
folders=()
for dir in "$CORPUS"/*/; do
    name="$(basename "$dir")"
    case "$name" in _*) continue ;; esac
    if find "$dir" -name '*.json' -print -quit | grep -q .; then folders+=("$name"); fi
done
[ "${#folders[@]}" -gt 0 ] || die "no template folder with a .json file in '$CORPUS'"

rm -rf "$OUT"
mkdir -p "$OUT/nettwin" "$OUT/checkov"
timings="$OUT/timings.tsv"
printf 'tool\tscope\tseconds\n' > "$timings"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# timed TOOL FOLDER COMMAND...: runs the command with its output in $OUT/TOOL/FOLDER.json and its errors in
# $OUT/TOOL/FOLDER.stderr, records the time in $timings, and says so when the exit status is not 0.
timed() {
    local tool="$1" name="$2" t0 status=0
    shift 2
    t0="$(now)"
    "$@" > "$OUT/$tool/$name.json" 2> "$OUT/$tool/$name.stderr" || status=$?
    printf '%s\t%s\t%s\n' "$tool" "$name" "$(elapsed "$t0" "$(now)")" >> "$timings"
    [ "$status" -eq 0 ] || echo "  $tool exit status $status on $name (see $OUT/$tool/$name.stderr)"
}

echo "nettwin: $("$NETTWIN" --version 2>/dev/null || echo unknown) ($NETTWIN)"
echo "checkov: $("$CHECKOV" --version 2>/dev/null) ($CHECKOV)"
echo "corpus:  $CORPUS (${#folders[@]} folders)"

# --- Linked templates given by URL ---------------------------------------------------------------
# A template that links others by URL (under _artifactsLocation) gets them from the copy beside it in the corpus:
# NetTwin's warning for an unreadable URI names the mapping (--map-uri PREFIX=FOLDER). Found before the timing.
declare -A mappings
for name in "${folders[@]}"; do
    mappings[$name]="$("$NETTWIN" inventory "$CORPUS/$name" 2>/dev/null | grep -o -- "--map-uri '[^']*'" | sort -u \
        | sed "s/^--map-uri '\(.*\)'\$/\1/" | tr '\n' '\t' || true)"
    [ -z "${mappings[$name]}" ] || echo "  $name: linked templates by URL mapped to local files"
done

# --- NetTwin, one process per folder ------------------------------------------------------------
echo "running nettwin check on ${#folders[@]} folders"
start="$(now)"
for name in "${folders[@]}"; do
    map_args=()
    IFS=$'\t' read -r -a map_list <<< "${mappings[$name]}" || true
    for mapping in "${map_list[@]}"; do [ -z "$mapping" ] || map_args+=(--map-uri "$mapping"); done
    timed nettwin "$name" "$NETTWIN" check "$CORPUS/$name" "${map_args[@]}" --format json --fail-on none
done
end="$(now)"
printf 'nettwin\tall folders, one process per folder\t%s\n' "$(elapsed "$start" "$end")" >> "$timings"

# --- NetTwin, one process for all folders (check --each: each folder its own deployment, in parallel) ----
echo "running nettwin check --each over the same folders"
each_maps=()
for name in "${folders[@]}"; do
    IFS=$'\t' read -r -a map_list <<< "${mappings[$name]}" || true
    for mapping in "${map_list[@]}"; do [ -z "$mapping" ] || each_maps+=(--map-uri "$mapping"); done
done
each_paths=()
for name in "${folders[@]}"; do each_paths+=("$CORPUS/$name"); done
start="$(now)"
"$NETTWIN" check --each "${each_paths[@]}" "${each_maps[@]}" --format json --fail-on none > "$OUT/nettwin-each.json" 2> "$OUT/nettwin-each.stderr" \
    || echo "  nettwin --each exit status $? (see $OUT/nettwin-each.stderr)"
end="$(now)"
printf 'nettwin\tall folders, one process (check --each)\t%s\n' "$(elapsed "$start" "$end")" >> "$timings"

# --- Checkov, one process per folder (the results compared) -------------------------------------
echo "running checkov on ${#folders[@]} folders"
start="$(now)"
for name in "${folders[@]}"; do
    timed checkov "$name" "$CHECKOV" -d "$CORPUS/$name" "${CHECKOV_ARGS[@]}"
done
end="$(now)"
printf 'checkov\tall folders, one process per folder\t%s\n' "$(elapsed "$start" "$end")" >> "$timings"

# --- Checkov, one process for the same files (its start-up paid once) --------------------------
echo "running checkov once over the same folders"
start="$(now)"
"$CHECKOV" -d "$CORPUS" --skip-path '/_[^/]*/' "${CHECKOV_ARGS[@]}" \
    > "$OUT/checkov-all.json" 2> "$OUT/checkov-all.stderr" || echo "  checkov exit status $? (see $OUT/checkov-all.stderr)"
end="$(now)"
printf 'checkov\tall folders, one process\t%s\n' "$(elapsed "$start" "$end")" >> "$timings"

# --- the comparison -----------------------------------------------------------------------------
"$CHECKOV_VENV/bin/python" "$ROOT/Scripts/checkov_compare.py" \
    --corpus "$CORPUS" --nettwin-dir "$OUT/nettwin" --checkov-dir "$OUT/checkov" \
    --checkov-all "$OUT/checkov-all.json" --timings "$timings" \
    --checkov-version "$("$CHECKOV" --version 2>/dev/null)" \
    --machine "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" \
    --output "$OUT/report.md" --json "$OUT/comparison.json"
echo "report: $OUT/report.md"
