// The binomial kernel (kernel.h) compiled once per instruction set this architecture has, and the
// dispatch between them: the best variant the processor runs, checked at run time, so that a
// plain `swift build -c release` (no -target-cpu) is as fast as a build for the host.
#include "clv_lanes.h"
#include <math.h>

// Every lane must round as the scalar sampler does: no a·b + c fused into one rounding (clang
// contracts by default on targets with FMA, e.g. every arm64 and x86-64-v3).
#pragma clang fp contract(off)
// The kernel's helpers take and return vectors by value, but every one is inlined into its
// variant's entry points (which take pointers): no call crosses a vector ABI.
#pragma clang diagnostic ignored "-Wpsabi"

#define CLV_CAT_(a, b) a##_##b
#define CLV_CAT(a, b) CLV_CAT_(a, b)

// Lane masks are vectors of `long`: what clang's vector comparisons give on LP64 targets.
typedef double clv_dv_2 __attribute__((ext_vector_type(2)));
typedef unsigned long long clv_uv_2 __attribute__((ext_vector_type(2)));
typedef long clv_iv_2 __attribute__((ext_vector_type(2)));
typedef double clv_dv_4 __attribute__((ext_vector_type(4)));
typedef unsigned long long clv_uv_4 __attribute__((ext_vector_type(4)));
typedef long clv_iv_4 __attribute__((ext_vector_type(4)));
typedef double clv_dv_8 __attribute__((ext_vector_type(8)));
typedef unsigned long long clv_uv_8 __attribute__((ext_vector_type(8)));
typedef long clv_iv_8 __attribute__((ext_vector_type(8)));
typedef _Bool clv_bv_8 __attribute__((ext_vector_type(8)));

// Lanes per vector of each variant (8/KW chunks per call): measured in docs/performance.md.
#ifndef CLV_W_GENERIC
#define CLV_W_GENERIC 8
#endif
#ifndef CLV_W_SSE2
#define CLV_W_SSE2 8
#endif
#ifndef CLV_W_AVX2
#define CLV_W_AVX2 8
#endif
#ifndef CLV_W_AVX512
#define CLV_W_AVX512 8
#endif
#ifndef CLV_W_NEON
#define CLV_W_NEON 8
#endif

// 1/j for j = 1…200 (entry j − 1), the inversion recursion's passes (kernel.h, `invert`).
#define CLV_R10(b) 1.0 / (b), 1.0 / (b + 1), 1.0 / (b + 2), 1.0 / (b + 3), 1.0 / (b + 4), \
                   1.0 / (b + 5), 1.0 / (b + 6), 1.0 / (b + 7), 1.0 / (b + 8), 1.0 / (b + 9)
static const double clv_reciprocal[200] = {
    CLV_R10(1), CLV_R10(11), CLV_R10(21), CLV_R10(31), CLV_R10(41), CLV_R10(51), CLV_R10(61), CLV_R10(71),
    CLV_R10(81), CLV_R10(91), CLV_R10(101), CLV_R10(111), CLV_R10(121), CLV_R10(131), CLV_R10(141),
    CLV_R10(151), CLV_R10(161), CLV_R10(171), CLV_R10(181), CLV_R10(191)};
#undef CLV_R10

// The generic variant: no target attribute (whatever the build's baseline is).
#define KSFX generic
#define KBLEND 0
#define KROUND 0
#define KTARGET
#define KW CLV_W_GENERIC
#include "kernel.h"
#undef KSFX
#undef KBLEND
#undef KROUND
#undef KTARGET
#undef KW

#if defined(__x86_64__)
#define KSFX sse2
#define KBLEND 0
#define KROUND 0
#define KTARGET __attribute__((target("sse2")))
#define KW CLV_W_SSE2
#include "kernel.h"
#undef KSFX
#undef KBLEND
#undef KROUND
#undef KTARGET
#undef KW

#define KSFX avx2
#define KBLEND 1
#define KROUND 1
#define KTARGET __attribute__((target("avx2")))
#define KW CLV_W_AVX2
#include "kernel.h"
#undef KSFX
#undef KBLEND
#undef KROUND
#undef KTARGET
#undef KW

#define KSFX avx512
#define KBLEND 1
#define KROUND 1
#define KTARGET __attribute__((target("avx512f,avx512dq")))
#define KW CLV_W_AVX512
#include "kernel.h"
#undef KSFX
#undef KBLEND
#undef KROUND
#undef KTARGET
#undef KW
#endif

#if defined(__aarch64__)
#define KSFX neon
#define KBLEND 1
#define KROUND 1
#define KTARGET
#define KW CLV_W_NEON
#include "kernel.h"
#undef KSFX
#undef KBLEND
#undef KROUND
#undef KTARGET
#undef KW
#endif

bool clv_lanes_available(clv_lanes_isa isa) {
    switch (isa) {
    case CLV_LANES_GENERIC: return true;
#if defined(__x86_64__)
    case CLV_LANES_SSE2: return true;
    case CLV_LANES_AVX2: __builtin_cpu_init(); return __builtin_cpu_supports("avx2");
    case CLV_LANES_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
#endif
#if defined(__aarch64__)
    case CLV_LANES_NEON: return true;
#endif
    default: return false;
    }
}

clv_lanes_isa clv_lanes_best(void) {
#if defined(__x86_64__)
    if (clv_lanes_available(CLV_LANES_AVX512)) return CLV_LANES_AVX512;
    if (clv_lanes_available(CLV_LANES_AVX2)) return CLV_LANES_AVX2;
    return CLV_LANES_SSE2;
#elif defined(__aarch64__)
    return CLV_LANES_NEON;
#else
    return CLV_LANES_GENERIC;
#endif
}

#if defined(__x86_64__)
#define CLV_DISPATCH(name, ...)                                          \
    switch (isa) {                                                       \
    case CLV_LANES_AVX512: name##_avx512(__VA_ARGS__); return;           \
    case CLV_LANES_AVX2: name##_avx2(__VA_ARGS__); return;               \
    case CLV_LANES_SSE2: name##_sse2(__VA_ARGS__); return;               \
    default: name##_generic(__VA_ARGS__); return;                        \
    }
#elif defined(__aarch64__)
#define CLV_DISPATCH(name, ...)                                          \
    switch (isa) {                                                       \
    case CLV_LANES_NEON: name##_neon(__VA_ARGS__); return;               \
    default: name##_generic(__VA_ARGS__); return;                        \
    }
#else
#define CLV_DISPATCH(name, ...) name##_generic(__VA_ARGS__);
#endif

void clv_lanes_binomial(clv_lanes_isa isa, uint64_t *state, const int64_t *n, const double *p,
                        unsigned active, int64_t *out, const clv_lanes_hooks *hooks) {
    CLV_DISPATCH(clv_binomial, state, n, p, active, out, hooks, KINVSLACK)
}

void clv_lanes_binomial_scalar_inversion(clv_lanes_isa isa, uint64_t *state, const int64_t *n, const double *p,
                                         unsigned active, int64_t *out, const clv_lanes_hooks *hooks) {
    CLV_DISPATCH(clv_binomial, state, n, p, active, out, hooks, __builtin_inf())
}

void clv_lanes_chains(clv_lanes_isa isa, uint64_t *state, int64_t *rest, const int64_t *count,
                      const double *p, const int64_t *to, int64_t *next, const clv_lanes_hooks *hooks) {
    CLV_DISPATCH(clv_chains, state, rest, count, p, 0, 0, to, next, hooks)
}

void clv_lanes_seed(clv_lanes_isa isa, uint64_t *state, const uint64_t *keys, uint64_t period, uint64_t seed,
                    uint64_t trial) {
    CLV_DISPATCH(clv_seed, state, keys, period, seed, trial)
}

void clv_lanes_group(clv_lanes_isa isa, uint64_t *state, const uint64_t *keys, uint64_t period, uint64_t seed,
                     uint64_t trial, const int64_t *source, unsigned live, const int64_t *count, const double *p,
                     const int64_t *to, const int64_t *counts, int64_t *next, const clv_lanes_hooks *hooks) {
    CLV_DISPATCH(clv_group, state, keys, period, seed, trial, source, live, count, p, to, counts, next, hooks)
}

void clv_lanes_log(clv_lanes_isa isa, const double *x, double *out) {
    CLV_DISPATCH(clv_log, x, out)
}
void clv_lanes_stirling(clv_lanes_isa isa, const double *k, double *out) {
    CLV_DISPATCH(clv_stirling, k, out)
}

#if defined(__x86_64__)
#define CLV_DISPATCH_R(name, ...)                                        \
    switch (isa) {                                                       \
    case CLV_LANES_AVX512: return name##_avx512(__VA_ARGS__);            \
    case CLV_LANES_AVX2: return name##_avx2(__VA_ARGS__);                \
    case CLV_LANES_SSE2: return name##_sse2(__VA_ARGS__);                \
    default: return name##_generic(__VA_ARGS__);                         \
    }
#elif defined(__aarch64__)
#define CLV_DISPATCH_R(name, ...)                                        \
    switch (isa) {                                                       \
    case CLV_LANES_NEON: return name##_neon(__VA_ARGS__);                \
    default: return name##_generic(__VA_ARGS__);                         \
    }
#else
#define CLV_DISPATCH_R(name, ...) return name##_generic(__VA_ARGS__);
#endif

void clv_lanes_group_at(clv_lanes_isa isa, uint64_t *state, const uint64_t *bases, uint64_t trial,
                        const int64_t *source, unsigned live, const int64_t *count, const double *p,
                        const double *ratio, double *logq, const int64_t *to, const int64_t *counts, int64_t *next,
                        const clv_lanes_hooks *hooks) {
    CLV_DISPATCH(clv_group_at, state, bases, trial, source, live, count, p, ratio, logq, to, counts, next, hooks)
}

void clv_lanes_customers(clv_lanes_isa isa, clv_customers_job *job) {
    CLV_DISPATCH(clv_customers, job)
}

unsigned clv_lanes_gamma_at(clv_lanes_isa isa, const uint64_t *bases, uint64_t trial, const double *shape,
                            unsigned active, const uint32_t *kn, const double *wn, double *out) {
    CLV_DISPATCH_R(clv_gamma_at, bases, trial, shape, active, kn, wn, out)
}
