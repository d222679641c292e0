#!/usr/bin/env python3
"""How far clvsim is from the draw-bound limit: the random draws a study needs, times their per-draw cost.

    python3 scripts/draw_budget.py STUDY.yaml [--trials 10000] [--clv-samples 20000] [--ns binomial=... ...]

Counts, from the study's structure (the peer's model, at mean inputs), what the engine draws:

  population, per trial, scenario, segment and period (TrialSimulator):
    one stream reset and one binomial per listed move of each row (chained binomials),
    one reset and one Poisson per arrival state, one reset and one Gamma per state with revenue_cv > 0;
  CLV samples, per scenario, segment and entry point, `--clv-samples` customers (CLVSimulator):
    one reset per customer, then per customer-period one uniform (next state) and one Gamma
    (revenue, in states with revenue_cv > 0).

Chained binomials stop early when nothing is left to move, which counts of 1e4 or more never do;
every row is taken as non-empty. Input draws (a few hundred per trial, GSL) are left out.
Per-draw costs default to the medians of `make bench` (Samplers.swift) on this machine; the
total is the time one core would spend drawing and nothing else.
"""
import argparse, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_compare import BENCH, customer_periods   # noqa: E402

# ns per draw, one core (make bench, Samplers.swift); override with --ns kind=value.
DEFAULT_NS = {'reset': 2.5, 'binomial': 34.0, 'poisson': 25.0, 'gamma_sum': 17.0, 'gamma_one': 18.0, 'uniform': 1.6}


def counts(study, clv_samples):
    sys.path.insert(0, BENCH)
    import numpy as np
    import model
    _, scen, _ = model.load_study(study)
    per_trial = dict.fromkeys(('reset', 'binomial', 'poisson', 'gamma_sum'), 0)
    clv = dict.fromkeys(('reset', 'uniform', 'gamma_one'), 0.0)
    for _, doc in scen:
        sc = model.Scenario(doc, model.Draws(1, 1, mean=True))
        K = int(np.floor(np.log(1e-6) / np.log(sc.d)))
        alive = ~sc.churn
        for name, g in sc.segs.items():
            q = sc.at(name, np.ones(1))
            rows = len(g['rows'])
            moves = len(g['pairs'])
            entries = list(np.flatnonzero(q['arrivals'][0] > 0)) or \
                [s for s in np.flatnonzero(np.maximum(q['initial'][0], 0) > 0) if alive[s]]
            cv = (q['revenue_cv'][0] > 0) & (q['revenue'][0] > 0) & alive
            T = sc.T
            per_trial['reset'] += T * (rows + len(entries) + int(cv.sum()))
            per_trial['binomial'] += T * moves
            per_trial['poisson'] += T * len(entries)
            per_trial['gamma_sum'] += T * int(cv.sum())
            P = sc.dense(name, q)[0]
            for e in entries:
                x = np.zeros(len(sc.states))
                x[e] = 1
                periods = with_gamma = 0.0
                for _ in range(K + 1):
                    periods += x[alive].sum()
                    with_gamma += x[cv].sum()
                    x = x @ P
                clv['reset'] += clv_samples
                clv['uniform'] += clv_samples * periods
                clv['gamma_one'] += clv_samples * with_gamma
    return per_trial, clv


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('study')
    ap.add_argument('--trials', type=int, default=10000)
    ap.add_argument('--clv-samples', type=int, default=20000)
    ap.add_argument('--ns', nargs='*', default=[], help='per-draw costs, kind=ns (' + ', '.join(DEFAULT_NS) + ')')
    a = ap.parse_args()
    ns = dict(DEFAULT_NS)
    for kv in a.ns:
        k, v = kv.split('=')
        ns[k] = float(v)
    per_trial, clv = counts(a.study, a.clv_samples)
    print(f'{a.study}: {a.trials} trials, {a.clv_samples} CLV samples per segment and entry')
    print(f'{"draw":12s} {"per trial":>12s} {"all trials":>14s} {"ns each":>8s} {"seconds":>8s}')
    total = 0.0
    for k, n in per_trial.items():
        s = n * a.trials * ns[k] * 1e-9
        total += s
        print(f'{k:12s} {n:12,d} {n * a.trials:14,.0f} {ns[k]:8.1f} {s:8.2f}')
    pop = total
    print(f'{"CLV phase":12s} {"":>12s}')
    for k, n in clv.items():
        s = n * ns[k] * 1e-9
        total += s
        print(f'{k:12s} {"":>12s} {n:14,.0f} {ns[k]:8.1f} {s:8.2f}')
    print(f'draw-bound time, one core: population {pop:.2f} s, CLV {total - pop:.2f} s, total {total:.2f} s; '
          f'on two cores {total / 2:.2f} s')
    print(f'CLV customer-periods: {clv["uniform"]:,.0f}')


if __name__ == '__main__':
    main()
