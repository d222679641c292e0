// The eight-lane binomial kernel (BinomialLanes), in C so that it can be compiled once per
// vector instruction set and chosen at run time: AVX-512, AVX2 and SSE2 on x86-64, NEON on
// arm64, plain scalar code elsewhere. Every variant is the same source, written with clang's
// vector extensions, built without floating-point contraction (no fused multiply-add): each
// draws the same uniforms and makes the same IEEE operations as the scalar sampler, so the
// results do not depend on the variant. Only CLVNumerics imports this module.
#ifndef CLV_LANES_H
#define CLV_LANES_H

#include <stdint.h>
#include <stdbool.h>

/// The instruction-set variants of the kernel, best last. Which ones a build has depends on its
/// architecture (`clv_lanes_available`); which ones a processor can run, on the processor.
typedef enum clv_lanes_isa {
    CLV_LANES_GENERIC = 0,   ///< the same code without a vector target (what any compiler makes of it)
    CLV_LANES_SSE2 = 1,      ///< x86-64 baseline: 128-bit registers
    CLV_LANES_AVX2 = 2,      ///< x86-64-v3: 256-bit registers
    CLV_LANES_AVX512 = 3,    ///< x86-64-v4 (AVX-512 F and DQ): 512-bit registers
    CLV_LANES_NEON = 4,      ///< arm64: 128-bit registers
} clv_lanes_isa;

/// What the kernel hands back to Swift: a lane's draw by the scalar sampler (counts beyond 2^51,
/// on the lane's stream in `state`), and BTRS's exact test for the near-ties the vector arithmetic
/// leaves open (`DiscreteSamplers.BTRSExact.accepts`, with libm): the scalar sampler's own code.
typedef struct clv_lanes_hooks {
    void *context;
    int64_t (*scalar)(void *context, int lane, int64_t n, double p);
    bool (*exact)(double alpha, double r, double m, double k, double us, double v,
                  double n, double a, double b, double npq);
} clv_lanes_hooks;

/// Whether this build has variant `isa` and this processor can run it.
bool clv_lanes_available(clv_lanes_isa isa);

/// The best variant this build has and this processor runs.
clv_lanes_isa clv_lanes_best(void);

/// Binomial(n[i], p[i]) in every lane i whose bit is set in `active` (0 elsewhere), on the eight
/// xoshiro256** streams of `state` (word k of lane i at state[8·k + i]): `RandomStream.binomial`
/// lane by lane, bit for bit.
void clv_lanes_binomial(clv_lanes_isa isa, uint64_t *state, const int64_t *n, const double *p,
                        unsigned active, int64_t *out, const clv_lanes_hooks *hooks);

/// clv_lanes_binomial with every inversion-path lane (n·p < 10) drawn by the scalar recursion
/// from its uniform, as the lanes redraw a near-tie: for the tests, which check that those
/// redraws are the scalar sampler's too.
void clv_lanes_binomial_scalar_inversion(clv_lanes_isa isa, uint64_t *state, const int64_t *n, const double *p,
                                         unsigned active, int64_t *out, const clv_lanes_hooks *hooks);

/// The chained binomials of up to eight rows: lane i starts with rest[i] customers and, at step
/// j < count[i] while customers are left, draws Binomial(rest, p[8·j + i]) and adds it to
/// next[to[8·j + i]] (saturating). On return rest[i] holds the customers left in lane i.
void clv_lanes_chains(clv_lanes_isa isa, uint64_t *state, int64_t *rest, const int64_t *count,
                      const double *p, const int64_t *to, int64_t *next, const clv_lanes_hooks *hooks);

/// Positions lane i at the start of stream StreamKey.streamSeed(seed, trial, combine(keys[i], t)),
/// given period = mix(t + γ), seed = mix(seed) and trial = trial·0xD1B54A32D192ED03 (the parts
/// of that formula that do not depend on the lane), as RandomStream.reset(raw:) does: the four
/// words of the state are SplitMix64 outputs of consecutive counters.
void clv_lanes_seed(clv_lanes_isa isa, uint64_t *state, const uint64_t *keys, uint64_t period, uint64_t seed,
                    uint64_t trial);

/// One group of up to eight rows in one period, in one call: lane i whose bit is set in `live`
/// starts with counts[source[i]] customers (other lanes with none); when some lane has customers,
/// clv_lanes_seed(keys, period, seed, trial), then clv_lanes_chains, then next[source[i]] −= the
/// lane's movers. The same draws and counts as those calls made one after another.
void clv_lanes_group(clv_lanes_isa isa, uint64_t *state, const uint64_t *keys, uint64_t period, uint64_t seed,
                     uint64_t trial, const int64_t *source, unsigned live, const int64_t *count, const double *p,
                     const int64_t *to, const int64_t *counts, int64_t *next, const clv_lanes_hooks *hooks);

/// Each lane's base is the part of its raw seed that does not depend on the trial:
/// bases[i] = mix(seed ^ mix(keys[i] ^ period)) with clv_lanes_seed's period and seed, raw seed
/// mix(bases[i] ^ trial). A run's bases are the same in every trial, so the engine computes them
/// once per period and key (StreamBases).
///
/// clv_lanes_group with each lane positioned at raw seed mix(bases[i] ^ trial): the same draws and
/// counts, given the bases of its keys. `ratio` is laid out as p, or NULL (then computed per draw):
/// ratio[8·j + i] = p'/(1 − p'), where p' = 1 − p if p > ½ and p' = p otherwise, p = p[8·j + i]
/// (the sampler's s = p/q). A step's ratio depends on its probability only, so the caller
/// computes it once per parameter change instead of once per draw. `logq`, laid out as p, or NULL
/// (computed per draw), caches the inversion path's log of q' = 1 − p' for the lanes that need it:
/// the caller sets it to NaN where it sets p, and the kernel fills it (with its own logarithm,
/// the same bits on every variant's arithmetic) the first time a lane of that step is drawn by
/// inversion (n·p' < 10).
void clv_lanes_group_at(clv_lanes_isa isa, uint64_t *state, const uint64_t *bases, uint64_t trial,
                        const int64_t *source, unsigned live, const int64_t *count, const double *p,
                        const double *ratio, double *logq, const int64_t *to, const int64_t *counts,
                        int64_t *next, const clv_lanes_hooks *hooks);

/// One state's parameters in one trial (a "slot") of a CLV job: 64 bytes, eight 8-byte fields
/// (the kernel loads a lane's as one vector and transposes eight lanes').
typedef struct clv_customer_state {
    double revenue, cost;      // the period's revenue (its mean, when drawn) and cost
    double d, c;               // kind 1: Marsaglia–Tsang's d = shape − 1/3 and c = 1/√(9d)
    double shape, scale;       // kinds 1 and 2: the revenue Gamma's shape 1/cv² and scale revenue·cv²
    int64_t kind;              // 0: the revenue is `revenue`; 1: a Gamma draw the lanes try; 2: a Gamma draw by job->gamma
    int64_t unused;
} clv_customer_state;

/// A state's transition row in a slot (at the same index as its clv_customer_state): up to eight
/// cells, each a destination and the running sum of the row's probabilities in state order; the
/// cells after the row's end hold NaN (a draw passes them) — a draw above every cell falls in the
/// last state.
typedef struct clv_customer_row {
    double cumulative[8];
    int32_t destination[8];
} clv_customer_row;

/// Individual customers of one segment and entry (CLVSimulator.run), eight at a time: customer q
/// of the queue (q < count) lives in slot slot[q] (a trial's parameters: params and rows at
/// slot·stride + s) and draws from stream RandomStream.reset(seed:trial:key:) with trial
/// customer[q] (base is mix(mix(seed) ^ key)); its value goes to out[q]. Segments of at most
/// eight states (`churn`: bit s for state s). `gamma` is the scalar sampler's revenue draw on a
/// lane's four state words (read and written), for what the lanes leave.
typedef struct clv_customers_job {
    int32_t states, entry, maxPeriods, count;
    int32_t stride;             // params of slot k at params[k·stride]
    uint32_t churn;
    const clv_customer_state *params;
    const clv_customer_row *rows;
    const double *start;        // per slot: a customer's value before the first period (−acquisition cost, or 0)
    double discount;
    uint64_t base;
    const uint64_t *customer;
    const int32_t *slot;
    const uint32_t *kn;         // the ziggurat's tables (128 entries each)
    const double *wn;
    void *context;
    double (*gamma)(void *context, uint64_t *state, double shape, double scale);
    double *out;
    int64_t periods;            // set: the customer-periods simulated
} clv_customers_job;

/// Runs `job` (CLVSimulator.run's customers, the same values bit for bit).
void clv_lanes_customers(clv_lanes_isa isa, clv_customers_job *job);

/// Marsaglia–Tsang's first candidate in up to eight streams (bit i of `active`: lane i), each
/// positioned at raw seed mix(bases[i] ^ trial), for shape[i] ≥ 1 (d = shape − 1/3, c = 1/√(9d)):
/// out[i] = d·v³ (ContinuousSamplers.gamma's Gamma(shape, 1) draw, bit for bit) in the lanes returned
/// as bits, those whose normal is in the ziggurat's fast region (tables kn, wn: 128 entries each)
/// and whose candidate the squeeze accepts. The scalar sampler draws the other lanes.
unsigned clv_lanes_gamma_at(clv_lanes_isa isa, const uint64_t *bases, uint64_t trial, const double *shape,
                            unsigned active, const uint32_t *kn, const double *wn, double *out);

/// ln x in eight lanes, as the kernel computes it (for positive normal x, within 2·10^-13
/// absolute of libm's for |ln x| < 745): for the test that pins its error.
void clv_lanes_log(clv_lanes_isa isa, const double *x, double *out);

/// DiscreteSamplers.stirlingTail (ln k! minus Stirling's approximation) in eight lanes, as the
/// kernel computes it for integers k ≥ 0: its own copy of the scalar sampler's table below 10 (C
/// cannot read Swift's), the series above. For the test that holds the two tables equal.
void clv_lanes_stirling(clv_lanes_isa isa, const double *k, double *out);

#endif
