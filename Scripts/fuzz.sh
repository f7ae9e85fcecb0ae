#!/usr/bin/env bash
# Builds NetTwin's libFuzzer targets (Fuzz/Targets) with swiftc -sanitize=fuzzer,address in a scratch folder and runs
# each for a bounded time. Usage: Scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (targets: json model parsers expression)
# Crashes are written to $SCRATCH/<target>/crash-*; copy each into Fuzz/regressions/<target>/ and fix it: the tests
# (FuzzRegressionTests) run every regression input on every CI run. CI does not run the fuzzers.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-120}"
shift || true
TARGETS=("${@:-json model parsers expression}")
[ "$#" -eq 0 ] && TARGETS=(json model parsers expression)
SCRATCH="${FUZZ_SCRATCH:-/tmp/nettwin-fuzz}"
mkdir -p "$SCRATCH"
# Build from a snapshot of the sources, so that editing the work tree during a long run cannot break or change it.
SRC="$SCRATCH/src"
rm -rf "$SRC" && mkdir -p "$SRC" && cp -R Sources Fuzz "$SRC/"
echo "== sources: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- Sources Fuzz 2>/dev/null || echo ' (with uncommitted changes)')"
FLAGS=(-O -parse-as-library -sanitize=fuzzer,address)
mapfile -t CORE < <(find "$SRC/Sources/NetTwinCore" -name '*.swift' | sort)
mapfile -t ARM < <(find "$SRC/Sources/NetTwinARM" -name '*.swift' | sort)

build() {
    local target="$1"
    case "$target" in
        json) swiftc "${FLAGS[@]}" -module-name FuzzJSON "${CORE[@]}" "$SRC/Fuzz/Targets/JSONTarget.swift" -o "$SCRATCH/fuzz-json" ;;
        model) swiftc "${FLAGS[@]}" -module-name FuzzModel "${CORE[@]}" "$SRC/Fuzz/Targets/ModelTarget.swift" -o "$SCRATCH/fuzz-model" ;;
        parsers) swiftc "${FLAGS[@]}" -module-name FuzzParsers "${CORE[@]}" "$SRC/Fuzz/Targets/ParsersTarget.swift" -o "$SCRATCH/fuzz-parsers" ;;
        expression)
            swiftc "${FLAGS[@]}" -emit-library -static -emit-module -module-name NetTwinCore -emit-module-path "$SCRATCH/NetTwinCore.swiftmodule" \
                "${CORE[@]}" -o "$SCRATCH/libNetTwinCore.a"
            swiftc "${FLAGS[@]}" -module-name NetTwinARM -I "$SCRATCH" "${ARM[@]}" "$SRC/Fuzz/Targets/BundleShim.swift" "$SRC/Fuzz/Targets/ExpressionTarget.swift" \
                "$SCRATCH/libNetTwinCore.a" -o "$SCRATCH/fuzz-expression" ;;
    esac
}

seed() {
    local target="$1" dir="$SCRATCH/$target/corpus"
    mkdir -p "$dir"
    case "$target" in
        json|model)
            find Examples -name '*.json' -size -200k -exec cp {} "$dir/" \;
            if [ -d ../shared/corpus/arm ] && [ "$target" = json ]; then
                find ../shared/corpus/arm -name 'azuredeploy.json' -size -100k | head -20 | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
            fi ;;
        expression)
            printf "%s\n" "concat('a', 'b')" "format('{0,5:N2}', 3.5)" "union(createObject('a', 1), parameters('o'))" \
                "map(range(0, 3), lambda('x', mul(lambdaVariables('x'), 2)))" "base64(parameters('s'))" "cidrSubnet('10.0.0.0/16', 24, 2)" \
                "uniqueString(resourceGroup().id)" "if(equals(1, 1), variables('w')[2].three, 'no')" | split -l 1 - "$dir/seed-" ;;
        parsers)
            printf "%s\n" "10.0.0.4" "10.0.0.0/16" "2001:db8::/32" "1433" "11000-11999,3342" "*" \
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s" "Sql.WestEurope" "[::1]:443" \
                "host.database.windows.net." | split -l 1 - "$dir/seed-" ;;
    esac
    if [ -d "Fuzz/regressions/$target" ]; then cp Fuzz/regressions/"$target"/* "$dir/" 2>/dev/null || true; fi
}

for target in ${TARGETS[@]}; do
    echo "== $target: build"
    build "$target"
    seed "$target"
    echo "== $target: run ${SECONDS_PER_TARGET}s"
    RUNS=()
    [ -n "${FUZZ_RUNS:-}" ] && RUNS=(-runs="$FUZZ_RUNS")
    (cd "$SCRATCH/$target" && "$SCRATCH/fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" "${RUNS[@]}" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 corpus 2>&1 | tail -25) | tee "$SCRATCH/$target.log" | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done|ERROR|crash-|SUMMARY" || true
done
