// Vector operations Swift's SIMD types do lane by lane, written with clang's vector
// extensions so that they compile to one instruction per register (vsqrtpd on AVX-512).
// ext_vector_type(8) double is imported into Swift as SIMD8<Double>. Header only: nothing
// to link. Only CLVNumerics imports it.
#ifndef CLV_VECTOR_H
#define CLV_VECTOR_H

/// 1 when the build targets AVX-512 (F and DQ: eight Doubles per instruction, 64-bit lane
/// multiplies and conversions, mask registers), else 0. Set by the compiler from its target
/// (`-target-cpu native` in the Makefile's builds): see BinomialLanes.isWide.
#if defined(__AVX512F__) && defined(__AVX512DQ__)
#define CLV_WIDE_VECTORS 1
#else
#define CLV_WIDE_VECTORS 0
#endif

typedef double clv_double8 __attribute__((ext_vector_type(8)));
typedef unsigned long long clv_u64x8 __attribute__((ext_vector_type(8)));
typedef long long clv_i64x8 __attribute__((ext_vector_type(8)));

typedef _Bool clv_bool8 __attribute__((ext_vector_type(8)));

/// The sign bits of eight lanes (a mask: all ones or all zeros) as the bits of an integer,
/// lane i → bit i: one vpmovq2m on AVX-512 (Swift reduces a SIMDMask with a chain of vector
/// min operations, on the critical path of every pass of the binomial lanes).
static inline __attribute__((always_inline)) unsigned clv_bits8(clv_i64x8 mask) {
    return (unsigned)__builtin_bit_cast(unsigned char, __builtin_convertvector(mask < 0, clv_bool8));
}

/// One xoshiro256** step (Blackman & Vigna) in every lane where `mask` is all ones (other
/// lanes keep their state), returned as RandomStream.uniform() does: (w >> 11) · 2^-53, exact.
/// `state` holds the words s0, s1, s2, s3 of eight streams: state[8·i + lane].
static inline __attribute__((always_inline)) clv_double8 clv_uniform8(unsigned long long *state, clv_i64x8 mask) {
    clv_u64x8 keep = (clv_u64x8)mask;
    clv_u64x8 s0, s1, s2, s3;
    __builtin_memcpy(&s0, state, 64);
    __builtin_memcpy(&s1, state + 8, 64);
    __builtin_memcpy(&s2, state + 16, 64);
    __builtin_memcpy(&s3, state + 24, 64);
    clv_u64x8 x5 = s1 * 5;
    clv_u64x8 r = ((x5 << 7) | (x5 >> 57)) * 9;
    clv_u64x8 t = s1 << 17;
    clv_u64x8 n2 = s2 ^ s0, n3 = s3 ^ s1;
    clv_u64x8 n1 = s1 ^ n2, n0 = s0 ^ n3;
    n2 ^= t;
    n3 = (n3 << 45) | (n3 >> 19);
    s0 = (n0 & keep) | (s0 & ~keep);
    s1 = (n1 & keep) | (s1 & ~keep);
    s2 = (n2 & keep) | (s2 & ~keep);
    s3 = (n3 & keep) | (s3 & ~keep);
    __builtin_memcpy(state, &s0, 64);
    __builtin_memcpy(state + 8, &s1, 64);
    __builtin_memcpy(state + 16, &s2, 64);
    __builtin_memcpy(state + 24, &s3, 64);
    return __builtin_convertvector(r >> 11, clv_double8) * 0x1p-53;
}


/// Square root in every lane, correctly rounded (IEEE 754), as Double.squareRoot() per lane;
/// no errno (Swift's SIMD squareRoot() goes lane by lane and branches to libm's sqrt for
/// negative lanes).
static inline __attribute__((always_inline)) clv_double8 clv_sqrt8(clv_double8 x) {
    return __builtin_elementwise_sqrt(x);
}

#endif
