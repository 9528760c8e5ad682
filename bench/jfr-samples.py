#!/usr/bin/env python3
"""Where a thread spent its time in a JFR recording: top self methods, and what ran under one method.

Usage: bench/jfr-samples.py REC.jfr THREAD [ROOT [DEPTH]]
  THREAD  part of the thread's name. The FX thread is "JavaFX Application Thread", but under Monocle JFR keeps the
          name it had when first seen, "Event Thread": pass "Thread" with care, or one of the two.
  ROOT    e.g. javafx/scene/Scene.doCSSPass: the share of the thread's samples under it, split by the DEPTH (default 1)
          calls below its innermost occurrence.
Record with full stacks, or the CSS and layout recursion hides who called it:
  java -XX:FlightRecorderOptions:stackdepth=1024 -XX:StartFlightRecording=filename=REC.jfr,settings=profile ...
`jfr print` itself keeps 5 frames unless told otherwise, hence --stack-depth below.
Samples are taken only while a thread runs Java code: class loading, verification and the JIT compiler threads do
not show here (read those from /proc/PID/task/*/stat, or -Xlog:class+load).
"""
import collections
import json
import subprocess
import sys


def stacks(recording, thread):
    out = subprocess.check_output(['jfr', 'print', '--stack-depth', '1024', '--json',
                                   '--events', 'jdk.ExecutionSample', recording])
    for e in json.loads(out)['recording']['events']:
        v = e['values']
        name = (v.get('sampledThread') or {}).get('javaName') or ''
        if thread in name and v.get('stackTrace'):
            yield [f['method']['type']['name'] + '.' + f['method']['name'] for f in v['stackTrace']['frames']]


def main(recording, thread, root=None, depth=1):
    all_stacks = list(stacks(recording, thread))
    n = len(all_stacks) or 1
    print(f'{len(all_stacks)} samples on threads named *{thread}*')
    if root is None:
        top = collections.Counter(s[0] for s in all_stacks)
        for method, c in top.most_common(25):
            print(f'{100 * c / n:5.1f}% {method}')
        return
    below = collections.Counter()
    for s in all_stacks:
        outer_first = s[::-1]
        if root not in outer_first:
            continue
        i = len(outer_first) - 1 - outer_first[::-1].index(root)
        below[' > '.join(outer_first[i + 1:i + 1 + depth]) or '<self>'] += 1
    print(f'{100 * sum(below.values()) / n:5.1f}% under {root}')
    for call, c in below.most_common(25):
        print(f'{100 * c / n:5.1f}%   {call}')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None,
         int(sys.argv[4]) if len(sys.argv) > 4 else 1)
