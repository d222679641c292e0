/// Hard limits on inputs: beyond these a study is refused as invalid rather than run for days,
/// exhausting memory, or overflowing 64-bit customer counts (10^12 arrivals per period for
/// 1,200 periods is 1.2·10^15, far below Int64.max ≈ 9.2·10^18).
public enum Limits {
    /// Periods simulated (100 years of months).
    public static let maxHorizon = 1_200
    /// Monte Carlo trials, from a study or `--trials`.
    public static let maxTrials = 100_000_000
    /// Customers sampled per segment and entry state, from a study or `--clv-samples`.
    public static let maxCLVSamples = 10_000_000
    /// Customers in one state at t = 0, and expected arrivals into one state per period.
    public static let maxCount = 1e12
    /// Largest count a draw of `initial` (or a Poisson mean of arrivals) is clamped at in the engine:
    /// a distribution whose tail passes `maxCount` is drawn as written up to here.
    public static let maxDrawnCount = 1e15
    /// Characters in a name: every mapping key, and `name`, `study`, `title`, `currency`, categories.
    public static let maxNameLength = 200
}
