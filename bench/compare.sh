#!/bin/sh
# bench/buddy.c against `kmemviz bench core`, back to back, several times, so that both see the same machine load.
# Prints each pair and the ratio Java / C, then the median ratio. Usage: bench/compare.sh [PAIRS] [OPS_PER_ROUND]
# (after mvn package). On the project machine both sides are bimodal from run to run (Java about 19 M or 27 M ops/s,
# C about 45 M or 59 M), so one pair proves little: the default is 9 pairs.
set -e
cd "$(dirname "$0")/.."
pairs=${1:-9}
ops=${2:-5000000}
cc -O2 -o target/buddy bench/buddy.c
i=0
ratios=
while [ "$i" -lt "$pairs" ]; do
    c=$(target/buddy "$ops" | awk '$1 == "alloc_free_ops_per_s" { print $2 }')
    java=$(java -jar target/kmemviz.jar bench core --ops "$ops" | awk '$1 == "alloc_free_ops_per_s" { print $2 }')
    ratio=$(awk -v j="$java" -v c="$c" 'BEGIN { printf "%.2f", j / c }')
    echo "c $c java $java ratio $ratio"
    ratios="$ratios $ratio"
    i=$((i + 1))
done
echo "$ratios" | tr ' ' '\n' | grep . | sort -n | awk '{ r[NR] = $1 } END { print "median_ratio " r[int((NR + 1) / 2)] }'
