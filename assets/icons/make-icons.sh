#!/usr/bin/env bash
# Regenerates the icon files beside this script from kmemviz.svg; the outputs are committed, so a build needs none
# of these tools. Debian: apt-get install librsvg2-bin icoutils icnsutils
#   PNG  16..512 px: rsvg-convert (librsvg2-bin 2.54)      -> kmemviz-N.png (Linux hicolor sizes)
#   ICO  16..64 as bitmaps, 256 as PNG: icotool (icoutils 0.32) -> kmemviz.ico (Windows installer and launcher)
#   ICNS 16,32,128,256,512: png2icns (icnsutils 0.8)       -> kmemviz.icns  (macOS .app and .dmg)
set -euo pipefail
cd "$(dirname "$0")"
for n in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w $n -h $n kmemviz.svg -o kmemviz-$n.png
done
icotool -c -o kmemviz.ico kmemviz-16.png kmemviz-24.png kmemviz-32.png kmemviz-48.png kmemviz-64.png -r kmemviz-256.png
png2icns kmemviz.icns kmemviz-16.png kmemviz-32.png kmemviz-128.png kmemviz-256.png kmemviz-512.png >/dev/null
