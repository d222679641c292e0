#ifndef CLVSIM_CGSL_SHIM_H
#define CLVSIM_CGSL_SHIM_H
/* GSL's one door into clvsim. Only CLVNumerics imports this module.
 *
 * Besides GSL's headers it defines a gsl_rng_type backed by xoshiro256**, a
 * 64-bit generator whose whole 256-bit state the project sets itself. GSL's own
 * generators ignore seed bits above 32 (gsl_rng_set with 1 and 1 + 2^32 gives one
 * stream), and mt19937 costs 4-6 us to re-seed; with this type a stream keyed by
 * (seed, trial, input path) is set up by writing four words, and every gsl_ran_*
 * sampler draws from it unchanged.
 *
 * GSL globals (gsl_rng_mt19937, ...) are not concurrency-safe in Swift 6 mode,
 * so everything Swift needs is reached through static inline accessors.
 */
#include <stdint.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_eigen.h>

/* ---- xoshiro256** (Blackman & Vigna 2018), public domain reference algorithm ---- */

typedef struct { uint64_t s[4]; } clv_xoshiro_state;

static inline uint64_t clv_rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t clv_xoshiro_next(clv_xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = clv_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = clv_rotl(s[3], 45);
    return result;
}

/* A double in [0, 1) with 53 random bits. */
static inline double clv_xoshiro_double(clv_xoshiro_state *st) {
    return (double)(clv_xoshiro_next(st) >> 11) * 0x1.0p-53;
}

/* SplitMix64 step, used to expand one 64-bit key into the 256-bit state. */
static inline uint64_t clv_splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Sets the state from a 64-bit key; never all zero (SplitMix64 outputs of consecutive
 * counters are distinct, so at most one of the four words can be 0). */
static inline void clv_xoshiro_seed(clv_xoshiro_state *st, uint64_t key) {
    uint64_t x = key;
    st->s[0] = clv_splitmix64(&x); st->s[1] = clv_splitmix64(&x);
    st->s[2] = clv_splitmix64(&x); st->s[3] = clv_splitmix64(&x);
}

/* gsl_rng_type callbacks. GSL's samplers call get_double (gsl_rng_uniform) and, for
 * integer draws, get with max-min+1 = 2^32: the upper 32 bits are the best ones. */
static void clv_gsl_set(void *state, unsigned long int seed) {
    clv_xoshiro_seed((clv_xoshiro_state *)state, (uint64_t)seed);
}
static unsigned long int clv_gsl_get(void *state) {
    return (unsigned long int)(clv_xoshiro_next((clv_xoshiro_state *)state) >> 32);
}
static double clv_gsl_get_double(void *state) {
    return clv_xoshiro_double((clv_xoshiro_state *)state);
}

static const gsl_rng_type clv_gsl_xoshiro_type = {
    "clvsim-xoshiro256**", 0xFFFFFFFFUL, 0, sizeof(clv_xoshiro_state),
    &clv_gsl_set, &clv_gsl_get, &clv_gsl_get_double
};

/* Accessors (Swift 6 cannot touch the C globals directly). */
static inline const gsl_rng_type *clv_rng_type_xoshiro(void) { return &clv_gsl_xoshiro_type; }
static inline const gsl_root_fsolver_type *clv_root_fsolver_brent(void) { return gsl_root_fsolver_brent; }

/* The generator's state, for re-keying a stream in place. */
static inline clv_xoshiro_state *clv_rng_state(gsl_rng *r) { return (clv_xoshiro_state *)r->state; }

/* Turns GSL's abort-on-error handler off; callers check parameters first and
 * GSL functions then report domain errors through their return codes. */
static inline void clv_gsl_quiet(void) { gsl_set_error_handler_off(); }

#endif
