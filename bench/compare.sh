#!/bin/sh
# bench/buddy.c against `kmemviz bench core`, back to back, several times, so that both see the same machine load.
# Prints each pair and the ratio Java / C. Usage: bench/compare.sh [PAIRS] [OPS_PER_ROUND]   (after mvn package)
set -e
cd "$(dirname "$0")/.."
pairs=${1:-3}
ops=${2:-5000000}
cc -O2 -o target/buddy bench/buddy.c
i=0
while [ "$i" -lt "$pairs" ]; do
    c=$(target/buddy "$ops" | awk '$1 == "alloc_free_ops_per_s" { print $2 }')
    java=$(java -jar target/kmemviz.jar bench core --ops "$ops" | awk '$1 == "alloc_free_ops_per_s" { print $2 }')
    echo "c $c java $java ratio $(awk -v j="$java" -v c="$c" 'BEGIN { printf "%.2f", j / c }')"
    i=$((i + 1))
done
