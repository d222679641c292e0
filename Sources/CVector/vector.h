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

/// Square root in every lane, correctly rounded (IEEE 754), as Double.squareRoot() per lane;
/// no errno (Swift's SIMD squareRoot() goes lane by lane and branches to libm's sqrt for
/// negative lanes).
static inline __attribute__((always_inline)) clv_double8 clv_sqrt8(clv_double8 x) {
    return __builtin_elementwise_sqrt(x);
}

#endif
