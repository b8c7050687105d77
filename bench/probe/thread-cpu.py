# CPU time per thread of one process tree (python3 thread-cpu.py SECONDS ROOT_PID): by Chromium process type, thread
# name and nice value. bench/probe/overlay-cpu.ts runs it over the browser it launched.
# Sample CPU time per (chromium process type, thread name) every second; print per-window totals.
import os, time, sys, re, collections
HZ = os.sysconf('SC_CLK_TCK')
ROOT = sys.argv[2]
def tree():
    kids = collections.defaultdict(list)
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            try: kids[open(f'/proc/{pid}/stat').read().rsplit(')',1)[1].split()[1]].append(pid)
            except Exception: pass
    out, todo = [], [ROOT]
    while todo:
        p = todo.pop(); out.append(p); todo += kids[p]
    return out
def snap():
    d = collections.Counter()
    for pid in tree():
        try:
            cmd = open(f'/proc/{pid}/cmdline','rb').read().split(b'\0')
            if not cmd or b'chromium' not in cmd[0]: continue
            j=b' '.join(cmd); m=re.search(rb'--type=(\S+)', j); t=m.group(1).decode() if m else 'browser'
            if t=='renderer' and b'--extension-process' in j: t='ext-renderer'
            ext = any(b'extension' in a for a in cmd) and t=='renderer'
            for tid in os.listdir(f'/proc/{pid}/task'):
                try:
                    comm = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
                    st = open(f'/proc/{pid}/task/{tid}/stat').read().rsplit(')',1)[1].split()
                    d[(f'{t}:{pid}', re.sub(r'\d+$','',comm)+' nice='+st[16])] += int(st[11]) + int(st[12])
                except Exception: pass
        except Exception: pass
    return d
dur = float(sys.argv[1]); t0=time.time(); a = snap(); 
time.sleep(dur); b = snap()
el = time.time()-t0
tot = collections.Counter({k: (b[k]-a.get(k,0))/HZ/el for k in b})
for k,v in tot.most_common(25):
    if v>0.01: print(f'{v*100:5.1f}%  {k[0]:22s} {k[1]}')
print('load', open('/proc/loadavg').read().split()[:3])
