// Individual customers in eight lanes (CLVSimulator.run), included by kernel.h inside each
// variant: its helpers (next, uniform, log, mix, sel, bits) are the variant's.
//
// Each lane follows one customer of the job's queue from its entry state until churn, until
// d^k < 1e-6 or for at most maxPeriods periods, as CLVSimulator.run does: per period the revenue
// (a Gamma draw where revenue_cv > 0), value += d^k·(revenue − cost), the next state from one
// uniform, d^k ·= d. A lane whose customer stops writes the value and takes the next customer of
// the queue. Every lane draws from its customer's own stream, so the order in which lanes take
// customers changes no draw.
//
// The Gamma draw is Marsaglia–Tsang's first candidate (mt_first, as clv_gamma_at draws it): a
// ziggurat normal in the fast region, v > 0, then the squeeze; where the squeeze does not decide, the logarithmic test
// with the lanes' log where it is clear by a margin. Every other case — a normal outside the fast
// region, v ≤ 0, a rejected or unclear candidate, a shape the constants do not cover (kind 2) —
// goes to the scalar sampler (job->gamma) from the lane's stream as it was before the draw.

#if KW != 8
#error "customers.h takes the lanes eight at a time"
#endif

/// Lane i's stream set to the start of customer q's (RandomStream.reset(seed:trial:key:) with
/// trial = job->customer[q]: raw seed mix(base ^ trial·0xD1B54A32D192ED03), then SplitMix64).
/// SplitMix64's output function of one word: the kernel's KN(mix), in one lane (a lane takes a
/// new customer every few dozen periods).
KFN uint64_t KN(mix1)(uint64_t x) { return KN(mix)((UV)(x))[0]; }

KFN void KN(customer_seed)(uint64_t *st, int i, uint64_t base, uint64_t trial) {
    uint64_t raw = KN(mix1)(base ^ (trial * 0xD1B54A32D192ED03ULL));
    for (int k = 0; k < 4; k++) st[8 * k + i] = KN(mix1)(raw + (uint64_t)k * 0x9E3779B97F4A7C15ULL);
}

/// Eight lanes' parameter records (eight 8-byte fields each) as eight vectors, field by field.
KFN void KN(transpose)(const DV r[8], DV f[8]) {
    DV t0 = __builtin_shufflevector(r[0], r[1], 0, 8, 2, 10, 4, 12, 6, 14);
    DV t1 = __builtin_shufflevector(r[0], r[1], 1, 9, 3, 11, 5, 13, 7, 15);
    DV t2 = __builtin_shufflevector(r[2], r[3], 0, 8, 2, 10, 4, 12, 6, 14);
    DV t3 = __builtin_shufflevector(r[2], r[3], 1, 9, 3, 11, 5, 13, 7, 15);
    DV t4 = __builtin_shufflevector(r[4], r[5], 0, 8, 2, 10, 4, 12, 6, 14);
    DV t5 = __builtin_shufflevector(r[4], r[5], 1, 9, 3, 11, 5, 13, 7, 15);
    DV t6 = __builtin_shufflevector(r[6], r[7], 0, 8, 2, 10, 4, 12, 6, 14);
    DV t7 = __builtin_shufflevector(r[6], r[7], 1, 9, 3, 11, 5, 13, 7, 15);
    DV u0 = __builtin_shufflevector(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13);
    DV u1 = __builtin_shufflevector(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);
    DV u2 = __builtin_shufflevector(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13);
    DV u3 = __builtin_shufflevector(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);
    DV u4 = __builtin_shufflevector(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13);
    DV u5 = __builtin_shufflevector(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);
    DV u6 = __builtin_shufflevector(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13);
    DV u7 = __builtin_shufflevector(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);
    f[0] = __builtin_shufflevector(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11);
    f[4] = __builtin_shufflevector(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15);
    f[2] = __builtin_shufflevector(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11);
    f[6] = __builtin_shufflevector(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15);
    f[1] = __builtin_shufflevector(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11);
    f[5] = __builtin_shufflevector(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15);
    f[3] = __builtin_shufflevector(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11);
    f[7] = __builtin_shufflevector(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15);
}

static KTARGET void KN(clv_customers)(clv_customers_job *job) {
    const int last = job->states - 1;
    const clv_customer_state *params = job->params;
    const clv_customer_row *rows = job->rows;
    uint64_t st[32];
    __builtin_memset(st, 0, sizeof(st));
    IV s = (IV)(0), steps = (IV)(0), slot = (IV)(0), cust = (IV)(0), active = (IV)(0);
    DV value = KN(splat)(0), dk = KN(splat)(1);
    int queue = 0;
    int64_t periods = 0;
    const double discount = job->discount;
    const int entryChurns = (job->churn >> job->entry) & 1;

    // Lane i takes the next customer of the queue who does not stop before a first period.
#define KTAKE(i)                                                                       \
    do {                                                                               \
        active[i] = 0;                                                                 \
        while (queue < job->count) {                                                   \
            int q = queue++;                                                           \
            double start = job->start[job->slot[q]];                                   \
            if (entryChurns) { job->out[q] = start; continue; }                        \
            KN(customer_seed)(st, i, job->base, job->customer[q]);                     \
            s[i] = job->entry; steps[i] = 0; slot[i] = job->slot[q]; cust[i] = q;      \
            value[i] = start; dk[i] = 1; active[i] = -1;                               \
            break;                                                                     \
        }                                                                              \
    } while (0)

    for (int i = 0; i < 8; i++) KTAKE(i);
    while (KN(bits)(active)) {
        IV at = KN(seli)(active, slot * (long)job->stride + s, (IV)(0));
        DV rec[8], f[8];
        for (int i = 0; i < 8; i++) __builtin_memcpy(&rec[i], params + at[i], sizeof(DV));
        KN(transpose)(rec, f);
        DV rev = f[0], cost = f[1], d = f[2], c = f[3], shape = f[4], scale = f[5];
        IV kind = KN(seli)(active, (IV)f[6], (IV)(0));
        KN(xo) x = KN(load)(st, 0);
        KN(xo) saved = x;
        IV g = active & (kind == 1);
        IV fallback = active & (kind == 2);
        DV r = rev;
        if (KN(bits)(g)) {
            KN(mt) m = KN(mt_first)(&x, g, c, job->kn, job->wn);
            DV v3 = m.v3, u = m.u, z2 = m.z2;
            IV ok = g & m.accept;
            IV slow = g & m.candidate & ~ok;
            if (KN(bits)(slow)) {
                // log(u) < ½z² + d·(1 − v³ + log v³), decided where clear of the lanes' log error
                // (2·10^-13 absolute) by a wide margin.
                IV sane = (u >= 0x1p-1000) & (v3 >= 0x1p-1000) & (v3 <= 0x1p1000);
                DV lu = KN(log)(u), lv = KN(log)(v3);
                DV rhs = 0.5 * z2 + d * (1 - v3 + lv);
                DV margin = 1e-10 * (1 + KN(magnitude)(lu) + KN(magnitude)(0.5 * z2)
                                     + KN(magnitude)(d) * (1 + KN(magnitude)(1 - v3) + KN(magnitude)(lv)));
                ok |= slow & sane & (lu < rhs - margin);
            }
            r = KN(sel)(ok, scale * (d * v3), r);
            fallback |= g & ~ok;
        }
        unsigned redo = KN(bits)(fallback);
        if (redo) {
            KN(store)(st, 0, &x);
            while (redo) {
                int i = __builtin_ctz(redo);
                redo &= redo - 1;
                uint64_t words[4] = {saved.s0[i], saved.s1[i], saved.s2[i], saved.s3[i]};
                r[i] = job->gamma(job->context, words, shape[i], scale[i]);
                for (int k = 0; k < 4; k++) st[8 * k + i] = words[k];
            }
            x = KN(load)(st, 0);
        }
        value = KN(sel)(active, value + dk * (r - cost), value);
        DV u = KN(uniform)(&x, active);
        KN(store)(st, 0, &x);
        // The first cell of the row whose cumulative probability exceeds u, else the last state
        // (CLVSimulator.nextState's linear scan; the cells past the row's end are NaN).
        long nl[8];
        for (int i = 0; i < 8; i++) {
            const clv_customer_row *row = rows + at[i];
            DV cum;
            __builtin_memcpy(&cum, row->cumulative, sizeof(DV));
            unsigned hit = KN(bits)(KN(splat)(u[i]) < cum);
            nl[i] = hit ? row->destination[__builtin_ctz(hit)] : last;
        }
        IV next;
        __builtin_memcpy(&next, nl, sizeof(IV));
        s = KN(seli)(active, next, s);
        steps = KN(seli)(active, steps + 1, steps);
        dk = KN(sel)(active, dk * discount, dk);
        IV churned = -(((IV)((long)job->churn) >> s) & 1);
        IV done = active & (~(dk >= 1e-6) | churned | (steps >= (IV)((long)job->maxPeriods)));
        unsigned stop = KN(bits)(done);
        while (stop) {
            int i = __builtin_ctz(stop);
            stop &= stop - 1;
            job->out[cust[i]] = value[i];
            periods += steps[i];
            KTAKE(i);
        }
    }
#undef KTAKE
    job->periods = periods;
}
