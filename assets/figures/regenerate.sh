#!/bin/sh
# Regenerates every figure the README shows, headless (no display needed), from the scripts in assets/:
#   mvn -q -B package -DskipTests && sh assets/figures/regenerate.sh
# Each line is one `kmemviz export` run: it runs the script to its end (or --at) and writes one file per view and
# format into assets/figures/, named for what it shows (tour-physical@2x.png).
set -e
cd "$(dirname "$0")/../.."
export_() { java -jar target/kmemviz.jar export "$@" --out assets/figures; }
export_ assets/scripts/tour.kmv --view window --no-title --no-legend
export_ assets/scripts/tour.kmv --view physical --scale 2 --format png,svg
export_ assets/scripts/tour.kmv --view physical --scale 2 --theme print
export_ assets/scripts/slab-demo.kmv --view slab --scale 2 --format png,svg
export_ assets/scripts/kmalloc-vs-vmalloc.kmv --view mappings --scale 2 --format png,svg --region v
export_ assets/figures/tlb-compare.kmv --view tlb --scale 2
export_ assets/figures/buddy-split.kmv --view physical,buddy --format gif --from 1 --delay 1500
