import CLVModel
import CLVNumerics

/// Process-noise stream keys of one segment, shared by every scenario of a study: the same
/// (trial, period, row) draws its moves from the same stream in the baseline and in every plan,
/// so a plan identical to its baseline reproduces it exactly and a plan differing slightly
/// gives slightly different counts (common random numbers, model.md 3.2). Keys use state
/// and segment names, not indices, so they survive a plan that reorders or adds states.
struct ProcessKeys {
    let moves: [UInt64]      // per row of the segment model
    let arrivals: [UInt64]   // per state
    let revenue: [UInt64]    // per state

    init(_ m: SegmentModel, states: [State]) {
        moves = m.rows.map { StreamKey.hash("process.\(m.name).moves.\(states[$0.from].name)") }
        arrivals = states.map { StreamKey.hash("process.\(m.name).arrivals.\($0.name)") }
        revenue = states.map { StreamKey.hash("process.\(m.name).revenue.\($0.name)") }
    }
}
