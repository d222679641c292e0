#!/usr/bin/env python3
"""Side-by-side timing of clvsim and the NumPy reference peer (../shared/bench/reference.py).

    python3 scripts/bench_compare.py [--studies bank-small bank-large] [--trials 10000] [--repeat 3]

Both programs run the same study files with the same trials, seed and CLV samples, one
after the other in one run, each `--repeat` times; the table gives median wall-clock
seconds of the whole process (start-up and file reading included for both) and the ratio.
"""
import argparse, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BENCH = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'bench'))


def timed(cmd, env=None):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    if r.returncode != 0:
        sys.exit(f'failed ({r.returncode}): {" ".join(cmd)}\n{r.stderr.decode()}')
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--studies', nargs='+', default=['bank-small', 'bank-large'])
    ap.add_argument('--trials', type=int, default=10000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--clv-samples', type=int, default=20000)
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--clvsim', default=os.path.join(ROOT, '.build', 'release', 'clvsim'))
    a = ap.parse_args()
    # NumPy runs with the machine's defaults except the OpenBLAS overrides the env notes say slow it down.
    env = {k: v for k, v in os.environ.items() if k not in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE')}
    rows = []
    for s in a.studies:
        study = os.path.join(BENCH, 'studies', s, 'study.yaml')
        common = ['--trials', str(a.trials), '--seed', str(a.seed), '--clv-samples', str(a.clv_samples)]
        ours = [a.clvsim, 'run', study, '--quiet'] + common
        peer = [sys.executable, os.path.join(BENCH, 'reference.py'), study] + common
        t_ours, t_peer = [], []
        for _ in range(a.repeat):
            t_peer.append(timed(peer, env))
            t_ours.append(timed(ours))
        mo, mp = statistics.median(t_ours), statistics.median(t_peer)
        rows.append((s, mp, mo, mp / mo))
    print(f'trials {a.trials}, seed {a.seed}, clv samples {a.clv_samples}, median of {a.repeat}, '
          f'{os.cpu_count()} cores')
    print(f'{"study":12s} {"NumPy peer":>11s} {"clvsim":>9s} {"speed-up":>9s}')
    for s, mp, mo, r in rows:
        print(f'{s:12s} {mp:10.2f}s {mo:8.2f}s {r:8.1f}x')


if __name__ == '__main__':
    main()
