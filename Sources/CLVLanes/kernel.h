// The binomial kernel's body, included by lanes.c once per instruction-set variant with
//   KSFX    the variant's suffix (names become name_KSFX),
//   KTARGET its function attribute (__attribute__((target("avx2"))) or nothing),
//   KW      its vector width in lanes (2, 4 or 8): eight lanes are drawn in 8/KW chunks,
//           each chunk a vector of KW lanes with its own rejection loop,
//   KBLEND  1 where the vector unit selects lanes by their sign bits in one instruction (see `sel`),
//   KROUND  1 where it rounds down to an integer in one instruction (see `floor`).
// Every function is static and always inlined into the variant's three entry points, so that
// each is compiled for its own target only. No fused multiply-add anywhere (lanes.c turns
// contraction off): each lane's arithmetic is the scalar sampler's, operation for operation.

#define KN(name) CLV_CAT(name, KSFX)
#define KFN static inline __attribute__((always_inline)) KTARGET
#define DV CLV_CAT(clv_dv, KW)
#define UV CLV_CAT(clv_uv, KW)
#define IV CLV_CAT(clv_iv, KW)
#define BV CLV_CAT(clv_bv, KW)

/// m ? a : b in every lane, for a mask m of all ones or all zeros. With KBLEND (a variant whose
/// vector unit selects by each lane's sign bit: AVX2's vblendvpd, AVX-512's masks, NEON's bsl)
/// the mask is written as the compare m < 0, which tells the compiler that its lanes are all ones
/// or all zeros: one blend instead of and, andnot and or (3% of the kernel's instructions).
KFN IV KN(lanemask)(IV m) {
#if KBLEND
    return m < 0;
#else
    return m;
#endif
}
KFN DV KN(sel)(IV m, DV a, DV b) { m = KN(lanemask)(m); return (DV)((m & (IV)a) | (~m & (IV)b)); }
KFN IV KN(seli)(IV m, IV a, IV b) { m = KN(lanemask)(m); return (m & a) | (~m & b); }
KFN DV KN(splat)(double x) { return (DV)(x); }

/// A mask's lanes as the bits of an integer, lane i → bit i.
KFN unsigned KN(bits)(IV m) {
#if KW == 8
    return (unsigned)__builtin_bit_cast(unsigned char, __builtin_convertvector(m < 0, BV));
#else
    unsigned r = 0;
    for (int i = 0; i < KW; i++) r |= (unsigned)(m[i] < 0) << i;
    return r;
#endif
}

/// An eight-lane mask's lanes as the bits of an integer, in any variant.
KFN unsigned KN(bits8)(clv_iv_8 m) {
    return (unsigned)__builtin_bit_cast(unsigned char, __builtin_convertvector(m < 0, clv_bv_8));
}

/// The lanes of a bit set (bit i → lane i all ones).
KFN IV KN(mask)(unsigned bits) {
    IV r;
    for (int i = 0; i < KW; i++) r[i] = (bits >> i) & 1 ? -1 : 0;
    return r;
}

/// Lanes of w (each below 2^52) as doubles, exactly: the integer becomes the mantissa of 2^52.
KFN DV KN(exact_double)(UV w) { return (DV)(w | 0x4330000000000000ULL) - 0x1p52; }

/// Lanes of x (integers in [0, 2^52)) as integers, exactly: the inverse of exact_double.
KFN IV KN(exact_integer)(DV x) { return (IV)(x + 0x1p52) - (IV)(0x4330000000000000LL); }

/// (w >> 11) · 2^-53 for 64-bit w, exactly (RandomStream.uniform): its top 52 bits as the
/// mantissa of a number in [1, 2), less 1 (exact: (w >> 12) · 2^-52), plus bit 11 as 2^-53 or 0.
/// The sum is (w >> 11) · 2^-53, a 53-bit integer times 2^-53: a double, so it is not rounded.
KFN DV KN(unit)(UV w) {
    DV hi = (DV)((w >> 12) | 0x3FF0000000000000ULL) - 1.0;
    UV odd = (UV)((w & 0x800ULL) == 0);                         // all ones where bit 11 is clear
    DV lo = (DV)(~odd & 0x3CA0000000000000ULL);                  // 2^-53 where it is set
    return hi + lo;
}

/// Eight lanes' xoshiro256** states, KW at a time: words s0..s3 of the chunk's lanes.
typedef struct { UV s0, s1, s2, s3; } KN(xo);

KFN KN(xo) KN(load)(const uint64_t *state, int chunk) {
    KN(xo) x;
    __builtin_memcpy(&x.s0, state + 0 + chunk * KW, sizeof(UV));
    __builtin_memcpy(&x.s1, state + 8 + chunk * KW, sizeof(UV));
    __builtin_memcpy(&x.s2, state + 16 + chunk * KW, sizeof(UV));
    __builtin_memcpy(&x.s3, state + 24 + chunk * KW, sizeof(UV));
    return x;
}

KFN void KN(store)(uint64_t *state, int chunk, const KN(xo) *x) {
    __builtin_memcpy(state + 0 + chunk * KW, &x->s0, sizeof(UV));
    __builtin_memcpy(state + 8 + chunk * KW, &x->s1, sizeof(UV));
    __builtin_memcpy(state + 16 + chunk * KW, &x->s2, sizeof(UV));
    __builtin_memcpy(state + 24 + chunk * KW, &x->s3, sizeof(UV));
}

/// One xoshiro256** step (Blackman & Vigna) in the lanes of `keep` (the others keep their state):
/// its 64 output bits, as RandomStream.next() returns them. The multiplies by 5 and 9 are shifts and adds: no
/// 64-bit lane multiply is needed (AVX2, SSE2 and NEON have none).
KFN UV KN(next)(KN(xo) *x, IV keep) {
    UV k = (UV)KN(lanemask)(keep);
    UV s0 = x->s0, s1 = x->s1, s2 = x->s2, s3 = x->s3;
    UV x5 = (s1 << 2) + s1;
    UV rot = (x5 << 7) | (x5 >> 57);
    UV r = (rot << 3) + rot;
    UV t = s1 << 17;
    UV n2 = s2 ^ s0, n3 = s3 ^ s1;
    UV n1 = s1 ^ n2, n0 = s0 ^ n3;
    n2 ^= t;
    n3 = (n3 << 45) | (n3 >> 19);
    x->s0 = (n0 & k) | (s0 & ~k);
    x->s1 = (n1 & k) | (s1 & ~k);
    x->s2 = (n2 & k) | (s2 & ~k);
    x->s3 = (n3 & k) | (s3 & ~k);
    return r;
}

/// One xoshiro256** step as RandomStream.uniform() returns it: (next >> 11) · 2^-53.
KFN DV KN(uniform)(KN(xo) *x, IV keep) { return KN(unit)(KN(next)(x, keep)); }

KFN DV KN(magnitude)(DV x) { return (DV)((UV)x & 0x7FFFFFFFFFFFFFFFULL); }

/// ⌊y⌋ in every lane, for 0 ≤ y < 2^51 (other lanes: unspecified): the vector unit's floor
/// with KROUND, else rounded to an integer through 2^52, then one less where that rounded up
/// (the same integers).
KFN DV KN(floor)(DV y) {
#if KROUND
    return __builtin_elementwise_floor(y);     // one instruction there (vroundpd, frintm)
#else
    DV r = (y + 0x1p52) - 0x1p52;
    return KN(sel)(r > y, r - 1, r);
#endif
}

/// ln x for positive normal x, within 2·10^-13 absolute of the correctly rounded value for
/// |ln x| < 745 (fdlibm's e_log polynomial, < 1 ulp on the reduced argument, plus e·ln 2 in one
/// rounding). Decides only clear cases: near-ties go to the scalar test with libm's log.
KFN DV KN(log)(DV x) {
    UV bits = (UV)x;
    IV e = (IV)(bits >> 52) - 1023;
    DV m = (DV)((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL);
    IV high = m > 1.4142135623730951;
    m = KN(sel)(high, m * 0.5, m);
    e = KN(seli)(high, e + 1, e);
    DV f = m - 1;
    DV s = f / (2 + f);
    DV z = s * s, w = z * z;
    DV t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
    DV t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
        + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
    DV hfsq = 0.5 * f * f;
    DV logM = f - (hfsq - s * (hfsq + t2 + t1));
    DV exponent = KN(exact_double)((UV)(e + (1LL << 51))) - 0x1p51;
    return exponent * 0.6931471805599453094 + logM;
}

/// Least margin between a vector decision and its bound (BinomialLanes.logSlack).
#define KSLACK 1e-9
/// Per customer of n: the scalar's Stirling bound's rounding near the mode (see `btrs`).
#define KNEARSLACK 1e-15

/// DiscreteSamplers.stirlingTail for integers k ≥ 0: its series (k ≥ 10) with one division, and
/// its table (the same constants) below 10.
KFN DV KN(stirling)(DV k) {
    static const double table[10] = {
        0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
        0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
        0.00925546218271273, 0.00833056343336287};
    DV ik1 = 1 / (k + 1);
    DV ik1sq = ik1 * ik1;
    DV r = (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 * ik1sq) * ik1sq) * ik1;
    if (KN(bits)(k < 10))
        for (int c = 0; c < 10; c++) r = KN(sel)(k == (double)c, KN(splat)(table[c]), r);
    return r;
}

/// e^y for −700 < y < 700, within 1 ulp (fdlibm's e_exp: y = k·ln 2 + r, |r| ≤ ½ ln 2, its
/// rational approximation of e^r, then 2^k added to the exponent). Decides only clear cases:
/// see `invert`.
KFN DV KN(exp)(DV y) {
    DV kf = (y * 1.44269504088896338700e+00 + 0x1.8p52) - 0x1.8p52;      // round to nearest
    DV hi = y - kf * 6.93147180369123816490e-01;                           // exact: ln 2's high bits
    DV lo = kf * 1.90821492927058770002e-10;
    DV r = hi - lo;
    DV t = r * r;
    DV c = r - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (6.61375632143793436117e-05
        + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
    DV e = 1 - ((lo - (r * c) / (2 - c)) - hi);
    IV k = (IV)(kf + 0x1.8p52) - (IV)(0x4338000000000000LL);
    return (DV)((IV)e + (k << 52));
}

/// The least distance between the uniform and P(k) at which the lanes decide an inversion step
/// (`invert`): far above the difference between the lanes' and the scalar sampler's arithmetic.
#define KINVSLACK 1e-11

/// One lane of `invert` as the scalar sampler draws it: P(0) = qⁿ by libm's pow, the uniform v0,
/// the recursion, operation for operation as the lanes do it.
static inline double KN(invert1)(double v0, double nd, double pp, double s, double a) {
    double q = 1 - pp, r = pow(q, nd), x = 0, v = v0, j = 0;
    int going = v > r;
    while (going) {
        j += 1;
        double factor = a / j - s;
        v = v - r;
        x = x + 1;
        if (x > nd) { x = nd; break; }
        r = r * factor;
        if (r <= 0) break;
        going = v > r;
    }
    return x;
}

/// DiscreteSamplers.binomial's inversion path (n·p < 10) in the lanes of m: P(0) = qⁿ, one
/// uniform, then the recursion P(k+1) = P(k)·((n + 1)·s/(k + 1) − s), s = p/q, while the uniform
/// is above P(k); then the flip for p > ½ and RandomStream.binomial's clamp. `s` is p/q, as the
/// scalar sampler computes it.
///
/// The scalar sampler takes qⁿ from libm's pow; the lanes take e^(n·ln q) with their own log and
/// exp. The two differ by less than 10^-14 relatively (|n·ln q| < 14 when n·p < 10 and p ≤ ½; the
/// log and exp are within an ulp or two). The scalar's factor is a/j − s; the lanes' is
/// a·(1/j) − s with 1/j from a table: three roundings against two, within 3·2^-53·a/j + 2·2^-53
/// of the factor's value, which is 3·2^-53·(n + 1)/(n + 1 − j) + 2·2^-53 of it relatively
/// (a/j − s = s·(n + 1 − j)/j; the passes that count reach at most j = n, and 200). Summed over
/// the passes that is under 3·2^-53·(n + 1)·H(n) + 400·2^-53 < 4.5·10^-13 (largest near n = 200),
/// so every P(k) differs by less than 5·10^-13 relatively, and the uniform less what it has passed
/// by less than that (ΣP(k) ≤ 1) plus one rounding per pass — under 6·10^-13. A lane
/// whose uniform comes within KINVSLACK (10^-11) of a P(k) it is compared with, or that passes 200
/// steps, is drawn again by the scalar recursion from the same uniform (`invert1`): every lane's
/// count is the scalar sampler's.
/// `logq` is the lanes' log of q = 1 − pp (from the chains' cache, see `clv_chains`); `slack` is
/// KINVSLACK (the tests also run it at +∞: every lane by the scalar recursion).
KFN IV KN(invert)(KN(xo) *xs, DV nd, DV pp, DV s, DV logq, IV flip, IV m, double slack) {
    DV a = (nd + 1) * s;
    DV r = KN(exp)(nd * logq);
    DV x = KN(splat)(0);
    DV v = KN(uniform)(xs, m);
    DV v0 = v;
    // d is v − r, the uniform less what the recursion has passed and the P(k) it is compared with:
    // the next pass's v. The lanes go on while it is positive (v > r).
    DV d = v - r;
    IV going = m & (d > 0);
    IV close = m & (KN(magnitude)(d) <= slack);
    // No lane's count can pass its n before the pass after the least n of the lanes drawing.
    double least = __builtin_inf();
    for (int i = 0; i < KW; i++) if (m[i] && nd[i] < least) least = nd[i];
    // A lane still going at pass j has x = j: the recursion's factor a/j − s waits for no lane's
    // test, and 1/j comes from a table (no division in the loop). v and r move on in
    // every lane (a stopped lane's are never read again): only x waits for the tests, so the
    // loop's chain is one multiply (r) and one subtraction (v) per pass. A lane whose P(k) reaches
    // 2^-900 or less (0 included) is close: it is drawn again by the scalar recursion.
    double j = 0;
    while (KN(bits)(going & ~close)) {
        j += 1;
        DV factor = a * KN(splat)(clv_reciprocal[(int)j - 1]) - s;
        v = d;
        x = KN(sel)(going, KN(splat)(j), x);
        if (j > least) {
            IV over = going & (x > nd);          // only through rounding in the tail: n
            x = KN(sel)(over, nd, x);
            going &= ~over;
        }
        r = r * factor;
        close |= going & (r <= 0x1p-900);
        d = v - r;
        close |= going & (KN(magnitude)(d) <= slack);
        going &= d > 0;
        if (j >= 200) close |= going;
    }
    unsigned redo = KN(bits)(close);
    while (redo) {
        int i = __builtin_ctz(redo);
        redo &= redo - 1;
        x[i] = KN(invert1)(v0[i], nd[i], pp[i], s[i], a[i]);
    }
    DV drawn = KN(sel)(flip, nd - x, x);
    DV clamped = KN(sel)(drawn < 0, KN(splat)(0), drawn);
    clamped = KN(sel)(drawn > nd, nd, clamped);
    return KN(exact_integer)(clamped);
}

/// BTRS (Hörmann 1993) in the lanes of `vector`, as BinomialLanes documents: candidates by the
/// scalar sampler's operations, BTPE's squeeze then Stirling's bound with the vector log,
/// near-ties by the scalar test (hooks->exact). `ratio` is p/q, as the scalar sampler computes it.
///
/// The squeeze: BTPE's bound (Kachitvichyanukul & Schmeiser 1988, step 5.2) puts ln f(m ± d)/f(m)
/// within ρ of t = −d²/(2npq); BTPE applies it for 20 < d < npq/2 − 1, and so does the scalar
/// test (BTRSExact), which takes Stirling's bound nearer the mode. The bound holds there too —
/// BTRSSqueezeTests checks d = 0…20 against the exact log-ratio, and 240 000 cases in 40-digit
/// arithmetic found no exception (it is tightest at d = 1) — so the lanes use it at every
/// d < npq/2 − 1. Near the mode the scalar's decision is lv ≤ its Stirling
/// bound, which is ln f(k)/f(m) up to its roundings — each logarithm's argument is rounded, and
/// the products with n + 1, k + ½ and m + ½ scale that to under 8·2⁻⁵³·n — and the series'
/// truncation (under 2·10⁻¹⁰). A lane that clears t ± ρ by KSLACK + KNEARSLACK·n therefore decides
/// as the scalar does; the rest go on to Stirling's bound, as before.
KFN IV KN(btrs)(KN(xo) *xs, DV nd, DV pp, DV ratio, IV flip, IV vector, const clv_lanes_hooks *hooks) {
    DV q = 1 - pp;
    DV npq = nd * pp * q;
    DV spq = __builtin_elementwise_sqrt(npq);
    DV b = 1.15 + 2.53 * spq;
    DV ib = 1 / b;
    DV a = -0.0873 + 0.0248 * b + 0.01 * pp;
    DV twoA = 2 * a;
    DV c = nd * pp + 0.5;
    DV vr = 0.92 - 4.2 * ib;
    DV limit = nd + 1;
    IV pending = vector;
    DV k = KN(splat)(0);
    DV alpha = (2.83 + 5.1 * ib) * spq;
    DV mode = KN(floor)((nd + 1) * pp);
    DV invNpq = 1 / npq, halfNpq = npq / 2 - 1;
    DV h = KN(splat)(0);
    int haveH = 0;
    do {
        DV x = KN(uniform)(xs, pending) - 0.5;
        DV v = KN(uniform)(xs, pending);
        DV us = 0.5 - KN(magnitude)(x);
        DV y = (twoA / us + b) * x + c;
        IV inRange = pending & (y >= 0) & (y < limit);
        DV floorY = KN(floor)(y);
        IV quick = inRange & (us >= 0.07) & (v <= vr);
        k = KN(sel)(quick, floorY, k);
        pending &= ~quick;
        IV slow = inRange & ~quick;
        if (!KN(bits)(slow)) continue;
        DV us2 = us * us;
        DV arg = v * alpha * us2 / (a + b * us2);
        DV lv = KN(log)(arg);
        DV d = KN(magnitude)(floorY - mode);
        IV inside = d < halfNpq;
        IV sane = (arg >= 0x1p-1000) & (arg <= 0x1p1000);     // the vector log's domain
        IV eligible = slow & inside & sane;
        DV inner = d * (d * (1.0 / 3) + 0.625) + 0.1666666666666666;
        DV rho = (d * invNpq) * (inner * invNpq + 0.5);
        DV t = -(d * d) * (0.5 * invNpq);
        // Beyond 20 of the mode the scalar test squeezes too: KSLACK covers the two arithmetics.
        // Within 20 it goes straight to Stirling's bound, whose rounding grows with n (KNEARSLACK)
        // and, by 10^-13 a step, with d (the magnitudes of its terms).
        DV margin = KN(sel)(d > 20, KN(splat)(KSLACK), KSLACK + KNEARSLACK * nd + 1e-13 * d);
        IV accept = eligible & (lv < t - rho - margin);
        IV reject = eligible & (lv > t + rho + margin);
        k = KN(sel)(accept, floorY, k);
        pending &= ~accept;
        IV open = slow & ~accept & ~reject;
        if (KN(bits)(open)) {
            if (!haveH) {
                h = (mode + 0.5) * KN(log)((mode + 1) / (ratio * (nd - mode + 1)))
                    + KN(stirling)(mode) + KN(stirling)(nd - mode);
                haveH = 1;
            }
            DV nk = nd - floorY;
            DV lA = KN(log)((nd - mode + 1) / (nk + 1));
            DV lB = KN(log)(ratio * (nk + 1) / (floorY + 1));
            DV outer = (nd + 1) * lA;
            DV in2 = (floorY + 0.5) * lB;
            DV bound = h + outer + in2 - KN(stirling)(floorY) - KN(stirling)(nk);
            DV size = KN(magnitude)(lv) + KN(magnitude)(h) + KN(magnitude)(outer) + KN(magnitude)(in2);
            DV err = KSLACK + 1e-14 * size;
            IV series = sane;
            IV yes = open & series & (lv < bound - err);
            IV no = open & series & (lv > bound + err);
            k = KN(sel)(yes, floorY, k);
            pending &= ~yes;
            open &= ~(yes | no);
        }
        unsigned undecided = KN(bits)(open);
        while (undecided) {
            int i = __builtin_ctz(undecided);
            undecided &= undecided - 1;
            if (hooks->exact(alpha[i], ratio[i], mode[i], floorY[i], us[i], v[i], nd[i], a[i], b[i], npq[i])) {
                k[i] = floorY[i];
                pending[i] = 0;
            }
        }
    } while (KN(bits)(pending));
    DV drawn = KN(sel)(flip, nd - k, k);
    DV clamped = KN(sel)(drawn < 0, KN(splat)(0), drawn);
    clamped = KN(sel)(drawn > nd, nd, clamped);
    return KN(exact_integer)(clamped);
}

/// p/q of the probabilities folded to ½ or less (min(p, 1 − p)), as the scalar sampler computes
/// it: a step's ratio depends on its probability only, so the engine lays it out beside them.
KFN DV KN(ratio)(DV p) {
    DV pp = KN(sel)(p > 0.5, 1 - p, p);
    return pp / (1 - pp);
}

/// One chunk (KW lanes from lane chunk·KW) of clv_lanes_binomial; `active` in the chunk's bits;
/// `ratio` is KN(ratio)(p). `logq`: the chunk's KW cached logs of q = 1 − min(p, 1 − p), NaN where
/// not yet computed (filled here when an inversion lane needs one), or NULL (computed per call).
KFN IV KN(binomial_chunk)(uint64_t *state, int chunk, IV n, DV p, DV ratio, double *logq, IV act,
                          const clv_lanes_hooks *hooks, double slack) {
    IV result = (IV)(0);
    IV one = (IV)(1);
    IV small = (n >= one) & (n <= (IV)(1LL << 51));
    DV nd = KN(sel)(small, KN(exact_double)((UV)n), KN(splat)(0));
    IV flip = p > 0.5;
    DV pp = KN(sel)(flip, 1 - p, p);
    IV valid = act & small & (p > 0) & (p < 1);
    IV vector = valid & (nd * pp >= 10);
    IV inversion = valid & ~vector;
    // Lanes outside both paths: RandomStream.binomial's guards, and counts beyond 2^51 by the
    // scalar sampler on the lane's stream (which it reads and writes in `state`).
    unsigned others = KN(bits)(act & ~vector & ~inversion);
    while (others) {
        int i = __builtin_ctz(others);
        others &= others - 1;
        int64_t ni = n[i];
        double pi = p[i];
        if (ni <= 0 || !(pi > 0)) result[i] = 0;
        else if (pi >= 1) result[i] = ni;
        else result[i] = hooks->scalar(hooks->context, chunk * KW + i, ni, pi);
    }
    if (!KN(bits)(vector | inversion)) return result;
    KN(xo) xs = KN(load)(state, chunk);
    if (KN(bits)(inversion)) {
        DV lq = KN(splat)(__builtin_nan(""));
        if (logq) __builtin_memcpy(&lq, logq, sizeof(DV));
        if (KN(bits)(inversion & (lq != lq))) {           // not cached (or no cache): computed
            lq = KN(log)(1 - pp);
            if (logq) __builtin_memcpy(logq, &lq, sizeof(DV));
        }
        result = KN(seli)(inversion, KN(invert)(&xs, nd, pp, ratio, lq, flip, inversion, slack), result);
    }
    if (KN(bits)(vector)) result = KN(seli)(vector, KN(btrs)(&xs, nd, pp, ratio, flip, vector, hooks), result);
    KN(store)(state, chunk, &xs);
    return result;
}

static KTARGET void KN(clv_binomial)(uint64_t *state, const int64_t *n, const double *p, unsigned active,
                                     int64_t *out, const clv_lanes_hooks *hooks, double slack) {
    for (int c = 0; c < 8 / KW; c++) {
        IV nc; DV pc;
        __builtin_memcpy(&nc, n + c * KW, sizeof(IV));
        __builtin_memcpy(&pc, p + c * KW, sizeof(DV));
        IV r = KN(binomial_chunk)(state, c, nc, pc, KN(ratio)(pc), 0, KN(mask)((active >> (c * KW)) & ((1u << KW) - 1)),
                                  hooks, slack);
        __builtin_memcpy(out + c * KW, &r, sizeof(IV));
    }
}

/// `ratio`: each step's KN(ratio) of p, laid out as p, or NULL (computed here). `logq`: the
/// steps' logs of q for the inversion path, laid out as p, NaN until first needed (then filled
/// here: a step's q depends on its probability only, so the caller keeps them while p stays), or
/// NULL (computed per draw).
static KTARGET void KN(clv_chains)(uint64_t *state, int64_t *rest, const int64_t *count, const double *p,
                                   const double *ratio, double *logq, const int64_t *to, int64_t *next,
                                   const clv_lanes_hooks *hooks) {
    // The eight lanes' customers left and steps in eight-lane vectors (whatever the variant's
    // width): the lanes still drawing and the counts left move on in vector operations.
    clv_iv_8 left, steps8;
    __builtin_memcpy(&left, rest, sizeof(left));
    __builtin_memcpy(&steps8, count, sizeof(steps8));
    int64_t steps = 0;
    for (int i = 0; i < 8; i++) if (rest[i] > 0 && count[i] > steps) steps = count[i];
    for (int64_t j = 0; j < steps; j++) {
        clv_iv_8 act = (steps8 > j) & (left > 0);
        if (!KN(bits8)(act)) break;
        clv_iv_8 x = (clv_iv_8)(0);
        for (int c = 0; c < 8 / KW; c++) {
            IV nc, ac;
            DV pc;
            __builtin_memcpy(&nc, (const int64_t *)&left + c * KW, sizeof(IV));
            __builtin_memcpy(&ac, (const int64_t *)&act + c * KW, sizeof(IV));
            if (!KN(bits)(ac)) continue;
            __builtin_memcpy(&pc, p + 8 * j + c * KW, sizeof(DV));
            DV rc;
            if (ratio) __builtin_memcpy(&rc, ratio + 8 * j + c * KW, sizeof(DV));
            else rc = KN(ratio)(pc);
            IV r = KN(binomial_chunk)(state, c, nc, pc, rc, logq ? logq + 8 * j + c * KW : 0, ac, hooks, KINVSLACK);
            __builtin_memcpy((int64_t *)&x + c * KW, &r, sizeof(IV));
        }
        left -= x;     // 0 in the lanes that did not draw
        // Scatter the movers (lanes with none skipped), saturating as Int64.addingClamped.
        for (unsigned m = KN(bits8)(x != 0); m; m &= m - 1) {
            int i = __builtin_ctz(m);
            int64_t xi = x[i], sum, *d = next + to[8 * j + i];
            *d = __builtin_add_overflow(*d, xi, &sum) ? (xi > 0 ? INT64_MAX : INT64_MIN) : sum;
        }
    }
    __builtin_memcpy(rest, &left, sizeof(left));
}

/// SplitMix64's output function (StreamKey.mix) in every lane.
KFN UV KN(mix)(UV x) {
    UV z = x + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// The part of a stream's seed that does not depend on the trial: mix(seed ^ mix(key ^ period)).
KFN UV KN(base)(UV key, uint64_t period, uint64_t seed) { return KN(mix)(seed ^ KN(mix)(key ^ period)); }

/// Positions the eight lanes at raw seeds mix(bases[i] ^ trial) (clv_lanes_seed_at).
static KTARGET void KN(clv_seed_at)(uint64_t *state, const uint64_t *bases, uint64_t trial) {
    for (int c = 0; c < 8 / KW; c++) {
        UV b;
        __builtin_memcpy(&b, bases + c * KW, sizeof(UV));
        UV raw = KN(mix)(b ^ trial);
        KN(xo) x;
        x.s0 = KN(mix)(raw);
        x.s1 = KN(mix)(raw + 0x9E3779B97F4A7C15ULL);
        x.s2 = KN(mix)(raw + 2 * 0x9E3779B97F4A7C15ULL);
        x.s3 = KN(mix)(raw + 3 * 0x9E3779B97F4A7C15ULL);
        KN(store)(state, c, &x);
    }
}

/// Each lane's base (mix(seed ^ mix(key ^ period))) of its key.
KFN void KN(bases)(uint64_t *bases, const uint64_t *keys, uint64_t period, uint64_t seed) {
    for (int c = 0; c < 8 / KW; c++) {
        UV k;
        __builtin_memcpy(&k, keys + c * KW, sizeof(UV));
        UV b = KN(base)(k, period, seed);
        __builtin_memcpy(bases + c * KW, &b, sizeof(UV));
    }
}

static KTARGET void KN(clv_seed)(uint64_t *state, const uint64_t *keys, uint64_t period, uint64_t seed,
                                 uint64_t trial) {
    uint64_t bases[8];
    KN(bases)(bases, keys, period, seed);
    KN(clv_seed_at)(state, bases, trial);
}

/// One group of up to eight rows in one period (RowSplit.split): lane i (bit i of `live`) starts
/// with counts[source[i]] customers; if any lane has customers, the lanes' streams are positioned
/// (clv_seed) and their chains drawn (clv_chains), then each lane's movers are taken out of
/// next[source[i]].
static KTARGET void KN(clv_group_at)(uint64_t *state, const uint64_t *bases, uint64_t trial, const int64_t *source,
                                     unsigned live, const int64_t *count, const double *p, const double *ratio,
                                     double *logq, const int64_t *to, const int64_t *counts, int64_t *next,
                                     const clv_lanes_hooks *hooks) {
    int64_t rest[8], total[8];
    int any = 0;
    for (int i = 0; i < 8; i++) {
        rest[i] = (live >> i) & 1 ? counts[source[i]] : 0;
        total[i] = rest[i];
        any |= rest[i] > 0;
    }
    if (!any) return;
    KN(clv_seed_at)(state, bases, trial);
    KN(clv_chains)(state, rest, count, p, ratio, logq, to, next, hooks);
    for (int i = 0; i < 8; i++) if ((live >> i) & 1) next[source[i]] -= total[i] - rest[i];
}

static KTARGET void KN(clv_group)(uint64_t *state, const uint64_t *keys, uint64_t period, uint64_t seed,
                                  uint64_t trial, const int64_t *source, unsigned live, const int64_t *count,
                                  const double *p, const int64_t *to, const int64_t *counts, int64_t *next,
                                  const clv_lanes_hooks *hooks) {
    uint64_t bases[8];
    KN(bases)(bases, keys, period, seed);
    KN(clv_group_at)(state, bases, trial, source, live, count, p, 0, 0, to, counts, next, hooks);
}

/// Marsaglia–Tsang's first candidate in up to eight streams at once (SegmentSimulator.finish's
/// revenue sums): lane i (bit i of `active`) is positioned at raw seed mix(bases[i] ^ trial) as
/// clv_seed_at does, then draws as ContinuousSamplers.gamma does for shape[i] ≥ 1 (d = shape − 1/3,
/// c = 1/√(9d)): a ziggurat normal (tables kn, wn), v = 1 + c·x, a uniform, and the squeeze
/// w < 1 − 0.0331·x⁴. Where the normal is in the ziggurat's fast region, v > 0 and the squeeze
/// accepts, out[i] = d·v³, the scalar sampler's draw; those lanes are returned as bits. The others
/// (a normal outside the fast region, 1.2% of normals, or a candidate the squeeze leaves to the
/// logarithmic test, most often near shape 1) are left to the scalar sampler, which draws them
/// again from the same seed.
/// Marsaglia–Tsang's first candidate (ContinuousSamplers.marsagliaTsang, given c = 1/√(9d)) in the
/// lanes of `keep`, whose streams move two steps: a ziggurat normal z (hz = Int32(truncating:
/// next >> 32), iz = hz & 127, in the fast region when |hz| < kn[iz]), v³ = (1 + c·z)³ and a uniform
/// u. `candidate`: the normal is in the fast region and v > 0; `accept`: the squeeze
/// u < 1 − 0.0331·z⁴ holds too (the draw is then d·v³). Shared by the revenue sums (clv_gamma_at)
/// and the CLV sampler's customers (customers.h).
typedef struct { DV v3, z2, u; IV candidate, accept; } KN(mt);

KFN KN(mt) KN(mt_first)(KN(xo) *x, IV keep, DV c, const uint32_t *kn, const double *wn) {
    IV hz = (IV)KN(next)(x, keep) >> 32;
    IV iz = hz & 127;
    double wl[KW]; long kl[KW];
    for (int i = 0; i < KW; i++) { wl[i] = wn[iz[i]]; kl[i] = (long)kn[iz[i]]; }
    DV w; IV k;
    __builtin_memcpy(&w, wl, sizeof(DV));
    __builtin_memcpy(&k, kl, sizeof(IV));
    DV z = __builtin_convertvector(hz, DV) * w;
    IV fast = KN(seli)(hz < 0, -hz, hz) < k;
    DV v = 1 + c * z;
    KN(mt) m;
    m.candidate = fast & (v > 0);
    m.v3 = v * v * v;
    m.u = KN(uniform)(x, keep);
    m.z2 = z * z;
    m.accept = m.candidate & (m.u < 1 - 0.0331 * m.z2 * m.z2);
    return m;
}

static KTARGET unsigned KN(clv_gamma_at)(const uint64_t *bases, uint64_t trial, const double *shape, unsigned active,
                                         const uint32_t *kn, const double *wn, double *out) {
    uint64_t state[32];
    KN(clv_seed_at)(state, bases, trial);
    unsigned done = 0;
    IV all = (IV)(-1);
    for (int ch = 0; ch < 8 / KW; ch++) {
        unsigned a = (active >> (ch * KW)) & ((1u << KW) - 1);
        if (!a) continue;
        KN(xo) x = KN(load)(state, ch);
        // ContinuousSamplers.gamma's constants: d = a − 1/3, c = 1/√(9d).
        DV sh;
        __builtin_memcpy(&sh, shape + ch * KW, sizeof(DV));
        DV dv = sh - 1.0 / 3;
        DV cv = 1 / __builtin_elementwise_sqrt(9 * dv);
        KN(mt) m = KN(mt_first)(&x, all, cv, kn, wn);
        IV ok = m.accept & KN(mask)(a);
        DV r = dv * m.v3;
        __builtin_memcpy(out + ch * KW, &r, sizeof(DV));
        done |= KN(bits)(ok) << (ch * KW);
    }
    return done;
}

#include "customers.h"

/// A lane-wise function of the kernel over eight doubles (for the tests that pin it).
#define KLANEWISE(entry, fn)                                                  \
    static KTARGET void KN(entry)(const double *x, double *out) {             \
        for (int c = 0; c < 8 / KW; c++) {                                    \
            DV v;                                                             \
            __builtin_memcpy(&v, x + c * KW, sizeof(DV));                     \
            DV r = KN(fn)(v);                                                 \
            __builtin_memcpy(out + c * KW, &r, sizeof(DV));                   \
        }                                                                     \
    }
KLANEWISE(clv_stirling, stirling)
KLANEWISE(clv_log, log)
#undef KLANEWISE

#undef KN
#undef KFN
#undef DV
#undef UV
#undef IV
#undef BV
