#!/bin/sh
# Writes src/main/resources/kmemviz/app/startup-classes.txt: the classes a window loads from its launch to its first
# frame, in load order, which StartupWarmup loads and links on a second thread while the JavaFX toolkit starts.
# Leaves out what the JDK's own class-data-sharing archive already holds and the JVM's generated classes (lambdas,
# proxies, reflection accessors), which cannot be loaded by name. Run it after `mvn -o package` when the start-up path
# changes (StartupClassesTest fails when a listed class no longer exists).
set -e
cd "$(dirname "$0")/.."
log=$(mktemp)
java -jar target/kmemviz.jar bench startup --runs 1 --java-option=-Xlog:class+load=info:file="$log" > /dev/null
sed -n '/ kmemviz\.app\.cli\.KmemvizCli source:/,$p' "$log" \
  | grep -v 'source: shared objects file' | grep -v '__JVM_' | grep -v 'Lambda' | grep -v '/0x' \
  | grep -v '\$Proxy' | grep -v 'jdk\.internal\.reflect\.Generated' \
  | sed -n 's/^\[[^]]*\]\[[^]]*\]\[[^]]*\] \([^ ]*\) source:.*/\1/p; s/^\[[^]]*\] \([^ ]*\) source:.*/\1/p' \
  | grep -v '^kmemviz\.app\.cli\.KmemvizCli$' > src/main/resources/kmemviz/app/startup-classes.txt
rm -f "$log"
wc -l src/main/resources/kmemviz/app/startup-classes.txt
