#!/usr/bin/env python3
"""clvsim's performance targets, measured in one run (`make bench-compare`).

    python3 scripts/bench_compare.py [--repeat 3] [--trials 10000] [--only compare,customers,...]

Sections (each prints its figures and one PASS/FAIL line per target):

  compare    clvsim vs the NumPy peer (../shared/bench/reference.py) and the Numba peer
             (../shared/bench/numba_peer.py: NumPy with its hot loops compiled by Numba, on every
             core; its compile cache is warmed by one short run first, untimed) on bank-small and
             bank-large: same study files, trials, seed and CLV samples. Like for like: the peers
             compute the population, the CLV samples and their statistics, the expected path at
             mean inputs and the plan metrics, and no sensitivity analysis, so the timed clvsim is
             `clvsim run --analysis summary`, which computes that (and the other cheap figures)
             and skips the tornado, break-even, global sensitivity, value of information,
             acceptability and expectation check. Targets: the summary run >= 6x faster than
             reference.py and >= 3x faster than numba_peer.py. The full run (`--analysis full`,
             what `clvsim run` does by default) is timed beside it and its ratio printed: not a
             target.
  build      the plain `swift build -c release` (.build/release, what `make release` builds: no
             CPU flags) vs a build for this very processor (-target-cpu native, in .build-native,
             built when missing) on bank-small: target the plain build within 10%.

The sections that measure the engine (build, customers, trials, periods, threads, memory, clv,
scaling) run `clvsim run --analysis summary` too: the analysis's own cost (break-even passes over
every trial, value of information) would otherwise blur how the engine grows. `retail` is the
shipped study as a user runs it: the full analysis and the board pack (--report).
  customers  the same study at 50 k customers vs bank-large (50 M customers; make_study.py):
             target 50 k <= 1.1x the 50 M time.
  trials     bank-large at trials/2 vs trials: target doubling costs <= 2.1x.
  periods    bank-large's parameters at 20 vs 40 periods (make_study.py): target <= 2.1x.
  threads    bank-large, --threads 1 vs 2: target 2 threads >= 1.8x faster.
  memory     peak resident memory of bank-large at `--trials` (/usr/bin/time %M): target <= 300 MiB.
  retail     the shipped retail-bank study with --report (without it if this build has no
             --report, which is said): target <= 2 s.
  clv        individual-customer CLV sampling rate on 2 cores, customer-periods per second:
             target >= 50 M/s. The count of customer-periods is not reported by clvsim; it is
             computed from the study at mean inputs with the peer's model (expected periods a
             customer is simulated: until churn or d^k < 1e-6), and the population's share of
             the time is removed by timing the same run with one CLV sample.
  scaling    how the cost grows with trials, periods, segments, states and customers (a table);
             targets segments x2 and states x2 each <= 2.1x.
  calibrate  `clvsim calibrate` on generated data (never committed): a 10-million-row transaction log
             (1 M customers, 60 months) and a 10-million-row panel (1 M customers x 10 quarters):
             target <= 10 s each, judged on CPU time (user + system: the run fits in 10 s even on
             one free core; wall time and the load average are printed beside it, since on a shared
             machine wall time measures the other jobs). Peak memory with the customer count fixed
             while the rows double: the log against a 5-million-row log of the same customers and
             purchase months (each row of the 10 M log is there twice), a 10-million-row log of
             10 M distinct customer-months (the same 1 M customers, each in 10 months) against
             the same 5 M-row log, the panel against 1 M customers x 5 quarters: target <= 1.1x each.

The header names the processor (model name from /proc/cpuinfo) and its widest vector
instruction set, and the binomial kernel variant clvsim chose for it (`clvsim run --stats`).

Every time is the median of `--repeat` wall-clock times of the whole process (start-up and file
reading included for both programs). The machine is shared: the load average is printed.
"""
import argparse, os, platform, resource, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BENCH = os.path.normpath(os.environ.get('CLVSIM_BENCH_DIR') or os.path.join(ROOT, '..', 'shared', 'bench'))
SECTIONS = ['compare', 'build', 'customers', 'trials', 'periods', 'threads', 'memory', 'retail', 'clv', 'scaling', 'calibrate']
MIB = 1024 * 1024

# NumPy runs with the machine's defaults except the OpenBLAS overrides the env notes say slow it down.
PEER_ENV = {k: v for k, v in os.environ.items() if k not in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE')}
results = []   # (target, measured, passed)


def run(cmd, env=None):
    return run_cpu(cmd, env)[0]


def run_cpu(cmd, env=None):
    """Wall-clock and CPU (user + system) seconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f'failed ({r.returncode}): {" ".join(cmd)}\n{r.stderr.decode()}')
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_time(cmd, repeat, env=None):
    return statistics.median(run(cmd, env) for _ in range(repeat))


def verdict(target, measured, ok):
    results.append((target, measured, ok))
    print(f'{"PASS" if ok else "FAIL"}  {target}: {measured}', flush=True)


def load():
    return os.getloadavg()[0]


def cpu():
    """(model name, widest vector instruction set) of this machine."""
    model, flags = platform.processor() or platform.machine(), set()
    try:
        for line in open('/proc/cpuinfo'):
            key, _, value = line.partition(':')
            if key.strip() == 'model name' and model in ('', platform.machine(), platform.processor()):
                model = value.strip()
            elif key.strip() in ('flags', 'Features') and not flags:
                flags = set(value.split())
    except OSError:
        pass
    if {'avx512f', 'avx512dq'} <= flags:
        isa = 'AVX-512 (F, DQ)'
    elif 'avx2' in flags:
        isa = 'AVX2, no AVX-512'
    elif 'asimd' in flags or platform.machine() in ('arm64', 'aarch64'):
        isa = 'NEON'
    elif flags:
        isa = 'SSE2' + (' (SSE4.2)' if 'sse4_2' in flags else '')
    else:
        isa = 'unknown'
    return model, isa


def kernel(clvsim, study):
    """The binomial kernel variant clvsim uses here, from the last line of `run --stats`."""
    r = subprocess.run([clvsim, 'run', study, '--quiet', '--trials', '1', '--clv-samples', '1', '--stats'],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [l for l in r.stderr.splitlines() if l.startswith('binomial draws:')]
    return lines[-1].split(':', 1)[1].split('(')[0].strip() if lines else 'unknown (no --stats line)'


class Bench:
    def __init__(self, a):
        self.a = a
        self.tmp = tempfile.mkdtemp(prefix='clvsim-bench-')
        self.made = {}

    def study(self, name):
        return os.path.join(BENCH, 'studies', name, 'study.yaml')

    def make(self, **kw):
        """A study from make_study.py (bank-large's parameters unless overridden), made once."""
        args = dict(segments=8, states=8, periods=40, customers=50_000_000, plans=2, terminal='clv')
        args.update(kw)
        key = tuple(sorted(args.items()))
        if key not in self.made:
            out = os.path.join(self.tmp, '-'.join(f'{k}{v}' for k, v in sorted(args.items())))
            cmd = [sys.executable, os.path.join(BENCH, 'make_study.py'), out] + \
                  [x for k, v in args.items() for x in (f'--{k}', str(v))]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            self.made[key] = os.path.join(out, 'study.yaml')
        return self.made[key]

    def ours(self, study, trials=None, clv=None, threads=None, extra=(), analysis='summary'):
        """clvsim on `study`: the summary analysis (what the peers compute) unless `analysis='full'`."""
        a = self.a
        cmd = [a.clvsim, 'run', study, '--quiet', '--trials', str(trials or a.trials), '--seed', str(a.seed),
               '--clv-samples', str(clv or a.clv_samples)]
        if threads:
            cmd += ['--threads', str(threads)]
        if analysis != 'full':
            cmd += ['--analysis', analysis]
        return cmd + list(extra)

    def peer(self, study, trials=None, clv=None, script='reference.py'):
        a = self.a
        return [sys.executable, os.path.join(BENCH, script), study, '--trials', str(trials or a.trials),
                '--seed', str(a.seed), '--clv-samples', str(clv or a.clv_samples)]

    def numba(self, study, trials=None, clv=None):
        return self.peer(study, trials, clv, script='numba_peer.py')

    def t(self, cmd, env=None):
        return median_time(cmd, self.a.repeat, env)

    # --- sections -------------------------------------------------------------------------

    def compare(self):
        have_numba = ensure_python_packages(['numba'], ['numba'])
        if have_numba:
            # Numba compiles on first use and caches beside numba_peer.py: warm the cache once, untimed.
            for s in ('bank-small', 'bank-large'):
                run(self.numba(self.study(s), trials=20, clv=10), PEER_ENV)
        print('like for like: clvsim `run --analysis summary` (population, CLV samples, expected path at mean inputs, '
              'plan metrics: what the peers compute) is the target; the full run (sensitivity, break-even, value of '
              'information, checks) is shown beside it, not a target', flush=True)
        print(f'{"study":12s} {"NumPy peer":>11s} {"Numba peer":>11s} {"summary":>9s} {"vs NumPy":>9s} {"vs Numba":>9s}   '
              f'{"full":>7s} {"vs NumPy":>9s} {"vs Numba":>9s}   '
              f'{"CPU s NumPy":>11s} {"CPU s Numba":>11s} {"CPU s summary":>13s} {"CPU s full":>10s}   load')
        rows = []
        for s in ('bank-small', 'bank-large'):
            tp, tn, to, tf = [], [], [], []
            for _ in range(self.a.repeat):     # interleaved, so all four see the same machine
                tp.append(run_cpu(self.peer(self.study(s)), PEER_ENV))
                if have_numba:
                    tn.append(run_cpu(self.numba(self.study(s)), PEER_ENV))
                to.append(run_cpu(self.ours(self.study(s))))
                tf.append(run_cpu(self.ours(self.study(s), analysis='full')))
            med = lambda xs, k: statistics.median(x[k] for x in xs) if xs else float('nan')
            mp, mn, mo, mf = med(tp, 0), med(tn, 0), med(to, 0), med(tf, 0)
            print(f'{s:12s} {mp:10.2f}s {mn:10.2f}s {mo:8.2f}s {mp / mo:8.1f}x {mn / mo:8.1f}x   '
                  f'{mf:6.2f}s {mp / mf:8.1f}x {mn / mf:8.1f}x   '
                  f'{med(tp, 1):11.2f} {med(tn, 1):11.2f} {med(to, 1):13.2f} {med(tf, 1):10.2f}   {load():.1f}', flush=True)
            rows.append((s, mp, mn, mo))
        for s, mp, mn, mo in rows:
            verdict(f'{s} at {self.a.trials} trials: clvsim (summary analysis) >= 6x faster than reference.py',
                    f'{mp / mo:.1f}x ({mp:.2f} s vs {mo:.2f} s)', mp / mo >= 6)
        for s, mp, mn, mo in rows:
            verdict(f'{s} at {self.a.trials} trials: clvsim (summary analysis) >= 3x faster than numba_peer.py (warm)',
                    f'{mn / mo:.1f}x ({mn:.2f} s vs {mo:.2f} s)' if have_numba else 'numba not available',
                    have_numba and mn / mo >= 3)

    def build(self):
        """The plain release build against one for this processor (-target-cpu native)."""
        native = os.path.join(ROOT, '.build-native', 'release', 'clvsim')
        print('building .build-native (swift build -c release -Xswiftc -target-cpu -Xswiftc native) ...', flush=True)
        r = subprocess.run(['swift', 'build', '-c', 'release', '--scratch-path', os.path.join(ROOT, '.build-native'),
                            '-Xswiftc', '-target-cpu', '-Xswiftc', 'native'], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode != 0 or not os.access(native, os.X_OK):
            verdict('plain build within 10% of a -target-cpu native build', 'native build failed', False)
            return
        s = self.study('bank-small')
        plain, tuned = [], []
        for _ in range(self.a.repeat):
            plain.append(run(self.ours(s)))
            tuned.append(run([native] + self.ours(s)[1:]))
        plain, tuned = statistics.median(plain), statistics.median(tuned)
        print(f'bank-small {self.a.trials} trials: plain build {plain:.2f} s, -target-cpu native {tuned:.2f} s')
        verdict('plain `swift build -c release` within 10% of a -target-cpu native build (bank-small)',
                f'{plain / tuned:.2f}x', plain / tuned <= 1.1)

    def customers(self):
        small = self.make(customers=50_000)
        big, tiny = self.t(self.ours(self.study('bank-large'))), self.t(self.ours(small))
        print(f'bank-large 50 M customers {big:.2f} s, same study at 50 k customers {tiny:.2f} s')
        verdict('flat in customers: 50 k within 1.1x of 50 M', f'{tiny / big:.2f}x', tiny / big <= 1.1)

    def trials(self):
        n = self.a.trials
        half, full = self.t(self.ours(self.study('bank-large'), trials=n // 2)), self.t(self.ours(self.study('bank-large')))
        print(f'bank-large {n // 2} trials {half:.2f} s, {n} trials {full:.2f} s')
        verdict('linear in trials: doubling costs <= 2.1x', f'{full / half:.2f}x', full / half <= 2.1)

    def periods(self):
        p20, p40 = self.t(self.ours(self.make(periods=20))), self.t(self.ours(self.make(periods=40)))
        print(f'bank-large parameters, 20 periods {p20:.2f} s, 40 periods {p40:.2f} s')
        verdict('linear in periods: doubling costs <= 2.1x', f'{p40 / p20:.2f}x', p40 / p20 <= 2.1)

    def threads(self):
        s = self.study('bank-large')
        one, two = [], []
        for _ in range(self.a.repeat):
            one.append(run_cpu(self.ours(s, threads=1)))
            two.append(run_cpu(self.ours(s, threads=2)))
        cpu1, cpu2 = statistics.median(c for _, c in one), statistics.median(c for _, c in two)
        one, two = statistics.median(w for w, _ in one), statistics.median(w for w, _ in two)
        print(f'bank-large {self.a.trials} trials: 1 thread {one:.2f} s, 2 threads {two:.2f} s (load {load():.1f})')
        # With other work on the machine the second core is not ours: CPU seconds tell whether the
        # engine's work grew with the threads (it should not) or the core was busy elsewhere.
        print(f'  CPU seconds: 1 thread {cpu1:.2f}, 2 threads {cpu2:.2f}; cores used on average: 1-thread run '
              f'{cpu1 / one:.2f}, 2-thread run {cpu2 / two:.2f}; bound on the speed-up with both cores free '
              f'(serial parts ignored) {2 * cpu1 / cpu2:.2f}x')
        verdict('2 threads >= 1.8x faster than 1', f'{one / two:.2f}x', one / two >= 1.8)

    def memory(self):
        out = os.path.join(self.tmp, 'time.txt')
        peaks = []
        for _ in range(self.a.repeat):
            run(['/usr/bin/time', '-f', '%M', '-o', out] + self.ours(self.study('bank-large')))
            peaks.append(int(open(out).read().split()[-1]))
        kb = statistics.median(peaks)
        print(f'bank-large {self.a.trials} trials: peak resident {kb / 1024:.0f} MiB ({kb} KiB)')
        verdict(f'peak memory of bank-large at {self.a.trials} trials <= 300 MiB', f'{kb / 1024:.0f} MiB',
                kb <= 300 * 1024)

    def retail(self):
        """The shipped study as a user runs it: the full analysis and the board pack."""
        s = os.path.join(ROOT, 'scenarios', 'retail-bank', 'study.yaml')
        rep = os.path.join(self.tmp, 'retail-report')
        base = [self.a.clvsim, 'run', s, '--quiet']
        probe = subprocess.run(base + ['--trials', '1', '--clv-samples', '1', '--report', rep],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        has_report = probe.returncode == 0
        cmd = base + (['--report', rep] if has_report else [])
        t = self.t(cmd)
        note = 'with --report' if has_report else 'WITHOUT --report (not available in this build)'
        print(f'retail-bank at its own settings, full analysis, {note}: {t:.2f} s')
        verdict(f'shipped retail-bank study {note} <= 2 s', f'{t:.2f} s', t <= 2)

    def clv(self):
        study, n, k = self.study('bank-large'), 100, self.a.clv_rate_samples
        periods = customer_periods(study, k)
        with_clv, without = self.t(self.ours(study, trials=n, clv=k, threads=2)), self.t(self.ours(study, trials=n, clv=1, threads=2))
        dt = max(with_clv - without, 1e-9)
        rate = periods / dt
        print(f'bank-large, {n} trials: {k} CLV samples per segment and entry {with_clv:.2f} s, one sample '
              f'{without:.2f} s; {periods / 1e6:.0f} M customer-periods (expected, mean inputs) in {dt:.2f} s')
        verdict('CLV sampling >= 50 M customer-periods per second on 2 cores', f'{rate / 1e6:.0f} M/s', rate >= 50e6)

    def scaling(self):
        """Each factor doubled (customers x20) from a mid-sized base, at a fixed trial count."""
        n = self.a.scaling_trials
        base = dict(segments=4, states=6, periods=20, customers=2_500_000)
        steps = [('base (4 segments, 6 states, 20 periods, 2.5 M customers)', base, n),
                 ('trials x2', base, 2 * n),
                 ('periods x2 (40)', {**base, 'periods': 40}, n),
                 ('segments x2 (8)', {**base, 'segments': 8}, n),
                 ('states x2 (12)', {**base, 'states': 12}, n),
                 ('customers x20 (50 M)', {**base, 'customers': 50_000_000}, n)]
        print(f'{n} trials, {self.a.clv_samples} CLV samples; time of the whole process')
        print(f'{"":58s} {"seconds":>8s} {"x base":>7s}')
        t0, ratios = None, {}
        for label, kw, trials in steps:
            t = self.t(self.ours(self.make(**kw, terminal='none'), trials=trials))
            t0 = t0 or t
            ratios[label.split(' (')[0]] = t / t0
            print(f'{label:58s} {t:8.2f} {t / t0:7.2f}', flush=True)
        for k in ('segments x2', 'states x2'):
            verdict(f'{k}: costs <= 2.1x', f'{ratios[k]:.2f}x', ratios[k] <= 2.1)


def ensure_python_packages(modules, packages):
    """Imports `modules` in this Python, installing `packages` with pip when one is missing (quietly;
    a Debian Python marks itself externally managed, so a second try passes
    --break-system-packages). True when they import afterwards."""
    probe = [sys.executable, '-c', 'import ' + ', '.join(modules)]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return True
    print(f'installing {" ".join(packages)} with pip ...', flush=True)
    pip = [sys.executable, '-m', 'pip', 'install', '-q', '--disable-pip-version-check', '--root-user-action=ignore']
    for extra in ([], ['--break-system-packages']):
        if subprocess.run(pip + extra + packages, capture_output=True).returncode == 0:
            break
    ok = subprocess.run(probe, capture_output=True).returncode == 0
    if not ok:
        print(f'could not install {" ".join(packages)} (pip); the sections that need them say so', flush=True)
    return ok


def write_transactions(path, rows, customers, repeat=1):
    """A transaction log in date order: `rows` rows (each written `repeat` times), months 2020-01..2024-12."""
    with open(path, 'w') as f:
        f.write('customer,date,amount\n')
        step = 1_000_000
        for lo in range(0, rows, step):
            out = []
            for k in range(lo, min(lo + step, rows)):
                m = k * 60 // rows
                cents = 500 + (k * 2654435761) % 20000
                line = f'C{(k * 7919) % customers},{2020 + m // 12}-{m % 12 + 1:02d}-{k % 28 + 1:02d},{cents // 100}.{cents % 100:02d}\n'
                out.append(line * repeat)
            f.write(''.join(out))


def write_panel(path, customers, periods):
    """A panel: every customer in every quarter from 2020Q1, one of four states, revenue and cost."""
    states = ['new', 'active', 'cross_sold', 'at_risk']
    with open(path, 'w') as f:
        f.write('customer,period,state,revenue,cost\n')
        for lo in range(0, customers, 100_000):
            out = []
            for c in range(lo, min(lo + 100_000, customers)):
                for t in range(periods):
                    h = (c * 2654435761 + t * 40503) % 1000
                    st = states[0] if t == 0 else states[1 + h % 3]
                    out.append(f'C{c},{2020 + t // 4}Q{t % 4 + 1},{st},{50 + h % 400}.{h % 100:02d},{20 + h % 30}\n')
            f.write(''.join(out))


def customer_periods(study_path, samples):
    """Expected customer-periods of the CLV phase: per scenario, segment and entry point, `samples`
    customers, each simulated from its entry state until churn or d^k < 1e-6 (at mean inputs,
    plans at full effect, risks left out)."""
    sys.path.insert(0, BENCH)
    import numpy as np
    import model
    _, scen, _ = model.load_study(study_path)
    total = 0.0
    for _, doc in scen:
        sc = model.Scenario(doc, model.Draws(1, 1, mean=True))
        K = int(np.floor(np.log(1e-6) / np.log(sc.d)))       # d^k >= 1e-6 for k = 0...K
        alive = ~sc.churn
        for name in sc.segs:
            q = sc.at(name, np.ones(1))
            P = sc.dense(name, q)[0]
            entries = [e for e in np.flatnonzero(q['arrivals'][0] > 0)] or \
                      [s for s in np.flatnonzero(np.maximum(q['initial'][0], 0) > 0) if alive[s]]
            for e in entries:
                x = np.zeros(len(sc.states))
                x[e] = 1
                expected = 0.0
                for _ in range(K + 1):
                    expected += x[alive].sum()
                    x = x @ P
                total += samples * expected
    return total


def calibrate_section(self):
    log = os.path.join(self.tmp, 'transactions-10M.csv')
    half = os.path.join(self.tmp, 'transactions-5M.csv')
    panel = os.path.join(self.tmp, 'panel-10M.csv')
    half_panel = os.path.join(self.tmp, 'panel-5M.csv')
    t = time.perf_counter()
    write_transactions(log, 5_000_000, 1_000_000, repeat=2)
    write_transactions(half, 5_000_000, 1_000_000)
    distinct = os.path.join(self.tmp, 'transactions-10M-distinct.csv')
    write_transactions(distinct, 10_000_000, 1_000_000)     # 10 M distinct customer-months
    write_panel(panel, 1_000_000, 10)
    write_panel(half_panel, 1_000_000, 5)
    print(f'generated the files in {time.perf_counter() - t:.0f} s', flush=True)
    out = os.path.join(self.tmp, 'calibrated')
    timing = os.path.join(self.tmp, 'time.txt')

    def measure(args):
        walls, cpus, peaks = [], [], []
        for _ in range(self.a.repeat):
            wall, cpu = run_cpu(['/usr/bin/time', '-f', '%M', '-o', timing, self.a.clvsim, 'calibrate'] + args
                                + ['--out', out, '--quiet'])
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(int(open(timing).read().split()[-1]))
        return statistics.median(walls), statistics.median(cpus), statistics.median(peaks)

    def timed(what, args, target):
        w, c, m = measure(args)
        print(f'{what}: {c:.2f} s CPU (user + sys), {w:.2f} s wall at load average {load():.1f}, '
              f'peak {m / 1024:.0f} MiB', flush=True)
        if target:
            verdict(f'calibrate {target} <= 10 s (CPU time)', f'{c:.2f} s CPU, {w:.2f} s wall', c <= 10)
        return m

    m = timed('transaction log, 10 M rows', ['transactions', log, '--period', 'month'], 'a 10 M-row transaction log')
    m2 = timed('transaction log, 5 M rows, same customer-months', ['transactions', half, '--period', 'month'], None)
    verdict('log peak memory, 10 M rows vs 5 M rows of the same customer-months <= 1.1x', f'{m / m2:.2f}x', m / m2 <= 1.1)
    m3 = timed('transaction log, 10 M rows = 10 M distinct customer-months (same 1 M customers)',
               ['transactions', distinct, '--period', 'month'], 'a 10 M-row log of distinct customer-months')
    verdict('log peak memory, 10 M distinct customer-months vs the 5 M-row log <= 1.1x', f'{m3 / m2:.2f}x', m3 / m2 <= 1.1)
    m = timed('panel, 10 M rows (1 M customers x 10 quarters)', ['panel', panel], 'a 10 M-row panel')
    m2 = timed('panel, 5 M rows (the same 1 M customers x 5 quarters)', ['panel', half_panel], None)
    verdict('panel peak memory, 10 M rows vs 5 M rows of the same customers <= 1.1x', f'{m / m2:.2f}x', m / m2 <= 1.1)


Bench.calibrate = calibrate_section


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--only', default=','.join(SECTIONS), help='comma-separated sections: ' + ', '.join(SECTIONS))
    ap.add_argument('--studies', nargs='+', default=None, help=argparse.SUPPRESS)
    ap.add_argument('--trials', type=int, default=10000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--clv-samples', type=int, default=20000)
    ap.add_argument('--clv-rate-samples', type=int, default=200000, help='CLV samples for the clv section')
    ap.add_argument('--scaling-trials', type=int, default=2000)
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--clvsim', default=os.path.join(ROOT, '.build', 'release', 'clvsim'))
    a = ap.parse_args()
    if not os.access(a.clvsim, os.X_OK):
        sys.exit(f'{a.clvsim} not found: build it first (swift build -c release)')
    b = Bench(a)
    model, isa = cpu()
    print(f'clvsim {a.clvsim}; peer {BENCH}; trials {a.trials}, seed {a.seed}, clv samples {a.clv_samples}; '
          f'median of {a.repeat}; {os.cpu_count()} cores; load {load():.1f}', flush=True)
    print(f'CPU: {model}; vector ISA: {isa}; clvsim binomial kernel: {kernel(a.clvsim, b.study("bank-small"))}',
          flush=True)
    try:
        for s in a.only.split(','):
            what = {'compare': ' (clvsim: --analysis summary, full beside it)', 'retail': ' (full analysis, --report)',
                    'calibrate': ''}.get(s, ' (clvsim run --analysis summary: the engine)')
            print(f'\n== {s}{what}', flush=True)
            getattr(b, s)()
    finally:
        shutil.rmtree(b.tmp, ignore_errors=True)
    print(f'\n{sum(ok for *_, ok in results)} passed, {sum(not ok for *_, ok in results)} failed '
          f'(load at the end {load():.1f})')
    for target, measured, ok in results:
        print(f'  {"PASS" if ok else "FAIL"}  {target}: {measured}')


if __name__ == '__main__':
    main()
