// Replays recorded kernel calls: the binomial lanes' chains of real runs, byte for byte, without
// the engine around them. For kernel experiments: edit Sources/CLVLanes/kernel.h, rebuild this
// (seconds) and compare the hash with the unmodified kernel's (the same draws) and the time.
//
//   1. Record: apply record.patch (git apply Benchmarks/KernelReplay/record.patch), swift build -c
//      release, run a study with CLV_RECORD=/tmp/calls.bin (the first 400 000 group calls of the run;
//      one thread keeps them in order), then git checkout Sources/CLVLanes.
//   2. Build: clang -O2 -I Sources/CLVLanes/include -o /tmp/replay Benchmarks/KernelReplay/replay.c
//      Sources/CLVLanes/lanes.c -lm
//   3. Run: /tmp/replay /tmp/calls.bin ISA [REPS]  (ISA: 0 generic, 1 SSE2, 2 AVX2, 3 AVX-512, 4 NEON)
//      prints the best of REPS passes, a hash of every call's final counts and streams, and one of
//      the movers each call adds to its destinations.
//   4. Count (optional): git apply Benchmarks/KernelReplay/counters.patch, build as in 2 with -DKCOUNT,
//      then git checkout Sources/CLVLanes: the replay also prints the BTRS loop's steps, rounds and
//      the lanes drawing in each, and how often the squeeze and Stirling's bound are reached.
//   5. Pack (optional): git apply Benchmarks/KernelReplay/pack.patch adds replay_pack.c, the tenth
//      pass's prototype that draws consecutive calls' chains at once with each step's lanes packed
//      by path (docs/performance.md, "Tenth pass"); it prints this line, with the same hashes.
//
// The exact test for the near-ties the lanes leave open is BTRSExact.accepts (DiscreteSamplers.swift)
// written again in C with libm; the counts beyond 2^51 that go to the scalar sampler do not occur
// in the recorded studies (the replay stops if one does).
#include "clv_lanes.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double tail(double k) {
    static const double t[10] = {0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                                 0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                                 0.00925546218271273, 0.00833056343336287};
    if (k <= 9) return t[(int)k];
    double k1 = k + 1, k1sq = k1 * k1;
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k1sq) / k1sq) / k1;
}

static bool exact(double alpha, double r, double m, double k, double us, double v, double n, double a, double b,
                  double npq) {
    double lv = log(v * alpha / (a / (us * us) + b));
    double d = fabs(k - m);
    if (d > 20 && d < npq / 2 - 1) {
        double rho = (d / npq) * ((d * (d / 3 + 0.625) + 0.1666666666666666) / npq + 0.5);
        double t = -d * d / (2 * npq);
        if (lv < t - rho) return true;
        if (lv > t + rho) return false;
    }
    double h = (m + 0.5) * log((m + 1) / (r * (n - m + 1))) + tail(m) + tail(n - m);
    double bound = h + (n + 1) * log((n - m + 1) / (n - k + 1)) + (k + 0.5) * log(r * (n - k + 1) / (k + 1))
        - tail(k) - tail(n - k);
    return lv <= bound;
}

static int64_t scalar(void *context, int lane, int64_t n, double p) {
    fprintf(stderr, "replay: a count beyond 2^51 (lane %d, n %lld): not replayable\n", lane, (long long)n);
    exit(1);
}

typedef struct { int64_t steps; uint64_t state[32]; int64_t rest[8], count[8]; double *p; int64_t *to; } call;

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: replay CALLS ISA [REPS]\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    clv_lanes_isa isa = (clv_lanes_isa)atoi(argv[2]);
    int reps = argc > 3 ? atoi(argv[3]) : 3;
    if (!clv_lanes_available(isa)) { fprintf(stderr, "replay: variant %d not available here\n", isa); return 1; }
    enum { MAX = 400000 };
    call *calls = malloc(sizeof(call) * MAX);
    // Every call's probabilities and destinations, in one block no larger than the file.
    fseek(f, 0, SEEK_END);
    size_t cap = (size_t)ftell(f) / 8, used = 0;
    rewind(f);
    double *arena = malloc(cap * sizeof(double) + 1);
    long n = 0;
    while (n < MAX) {
        call *c = calls + n;
        if (fread(&c->steps, 8, 1, f) != 1) break;
        if (c->steps < 0 || c->steps > 64 || used + 16 * (size_t)c->steps > cap) { fprintf(stderr, "replay: bad record\n"); return 1; }
        c->p = arena + used; used += 8 * (size_t)c->steps;
        c->to = (int64_t *)(arena + used); used += 8 * (size_t)c->steps;
        if (fread(c->state, 8, 32, f) != 32 || fread(c->rest, 8, 8, f) != 8 || fread(c->count, 8, 8, f) != 8
            || fread(c->p, 8, 8 * c->steps, f) != (size_t)(8 * c->steps) || fread(c->to, 8, 8 * c->steps, f) != (size_t)(8 * c->steps)) {
            fprintf(stderr, "replay: truncated record %ld\n", n);
            return 1;
        }
        n++;
    }
    clv_lanes_hooks hooks = {0, scalar, exact};
    static int64_t next[1 << 16];
    uint64_t hash = 1469598103934665603ULL, moved = 1469598103934665603ULL;
    double best = 1e300;
    for (int rep = 0; rep < reps; rep++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (long i = 0; i < n; i++) {
            uint64_t st[32];
            int64_t rest[8];
            memcpy(st, calls[i].state, sizeof st);
            memcpy(rest, calls[i].rest, sizeof rest);
            clv_lanes_chains(isa, st, rest, calls[i].count, calls[i].p, calls[i].to, next, &hooks);
            if (rep == 0) {
                for (int k = 0; k < 8; k++) hash = (hash ^ (uint64_t)rest[k]) * 1099511628211ULL;
                for (int k = 0; k < 32; k++) hash = (hash ^ st[k]) * 1099511628211ULL;
                // The movers: each step's destination's count, then cleared for the next call.
                for (int64_t j = 0; j < calls[i].steps; j++)
                    for (int k = 0; k < 8; k++) moved = (moved ^ (uint64_t)next[calls[i].to[8 * j + k]]) * 1099511628211ULL;
                for (int64_t j = 0; j < calls[i].steps; j++)
                    for (int k = 0; k < 8; k++) next[calls[i].to[8 * j + k]] = 0;
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double dt = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
        if (dt < best) best = dt;
    }
    printf("%s, variant %d: %ld calls, best of %d %.4f s (%.1f ns a call), hash %016llx, movers %016llx\n", argv[1], isa, n,
           reps, best, best / (double)n * 1e9, (unsigned long long)hash, (unsigned long long)moved);
#ifdef KCOUNT
    // The BTRS loop's counters (counters.patch), per pass over the calls.
    extern long clv_count_steps, clv_count_rounds, clv_count_busy, clv_count_squeeze, clv_count_squeeze_lanes,
        clv_count_stirling, clv_count_stirling_lanes;
    printf("BTRS steps %ld, rounds %ld (%.2f lanes drawing), squeeze in %ld (%.2f lanes), Stirling's bound in %ld (%.2f lanes)\n",
           clv_count_steps / reps, clv_count_rounds / reps, (double)clv_count_busy / (double)clv_count_rounds,
           clv_count_squeeze / reps, (double)clv_count_squeeze_lanes / (double)clv_count_squeeze,
           clv_count_stirling / reps, (double)clv_count_stirling_lanes / (double)clv_count_stirling);
#endif
    return 0;
}
