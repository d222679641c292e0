import Testing
@testable import CLVModel

/// One fixture per group of rules; every line is the exact message a user sees (`$F` = fixtures folder).
@Suite("Validation rules: exact diagnostics")
struct ValidationRuleTests {
    static let cases: [(String, [String])] = [
        ("rules/syntax.yaml", [
            "$F/rules/syntax.yaml:3:8: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 2)",
        ]),
        ("rules/duplicate.yaml", [
            "$F/rules/duplicate.yaml:8:27: error: segments.mass.initial: duplicate key 'active' (first at line 8, column 15)",
            "$F/rules/duplicate.yaml:11:1: error: duplicate key 'horizon' (first at line 2, column 1)",
        ]),
        ("rules/not-mapping.yaml", [
            "$F/rules/not-mapping.yaml:1:1: error: a clvsim file must be a mapping of keys (such as 'schema: clvsim/1'), found a list",
        ]),
        ("rules/empty.yaml", ["$F/rules/empty.yaml:1:1: error: file is empty"]),
        ("rules/not-utf8.yaml", ["$F/rules/not-utf8.yaml:2:10: error: file is not valid UTF-8"]),
        ("rules/aliases.yaml", ["$F/rules/aliases.yaml:2:11: error: document has more than 1000000 keys and values once its aliases are expanded; clvsim files are far smaller"]),
        ("rules/deep.yaml", ["$F/rules/deep.yaml:2:204: error: nesting deeper than 200 levels"]),
        ("rules/keys.yaml", [
            "$F/rules/keys.yaml:3:9: error: period: unknown period 'quartr' (did you mean 'quarter'?) (allowed: month, quarter, half_year, year)",
            "$F/rules/keys.yaml:5:16: error: states.new.stage: unknown stage 'acquisiton' (did you mean 'acquisition'?) (allowed: acquisition, retention, expansion, churn)",
            "$F/rules/keys.yaml:10:15: error: segments.mass.initial: unknown state 'activ' (did you mean 'active'?)",
            "$F/rules/keys.yaml:11:5: error: segments.mass: unknown key 'trasitions' (did you mean 'transitions'?)",
            "$F/rules/keys.yaml:14:13: error: segments.mass.transitions.new: unknown state 'actve' (did you mean 'active'?)",
            "$F/rules/keys.yaml:16:16: error: segments.mass.value.active: unknown key 'revenu' (did you mean 'revenue'?)",
        ]),
        ("rules/probabilities.yaml", [
            "$F/rules/probabilities.yaml:11:21: error: segments.mass.transitions.new.active: 1.2 is outside [0, 1]",
            "$F/rules/probabilities.yaml:12:22: error: segments.mass.transitions.active.gone: uniform(0.5, 1.2) can fall outside [0, 1]",
            "$F/rules/probabilities.yaml:12:49: warning: segments.mass.transitions.active.idle: normal(0.05, 0.03) can fall outside [0, 1] (mean ± 3 sd); such draws are clamped",
            "$F/rules/probabilities.yaml:13:7: error: segments.mass.transitions.idle: moves sum to 1.04 (> 1)",
            "$F/rules/probabilities.yaml:16:7: warning: segments.young.transitions.new: moves can sum above 1 (up to 1.12); such draws are scaled to 1 and counted as row overflows",
            "$F/rules/probabilities.yaml:17:16: error: segments.young.transitions.active: a move from 'active' to itself; staying is implicit (1 − the other moves)",
        ]),
        ("rules/negatives.yaml", [
            "$F/rules/negatives.yaml:2:10: error: horizon: must be > 0, found 0",
            "$F/rules/negatives.yaml:3:16: error: discount_rate: must be ≥ 0, found -1",
            "$F/rules/negatives.yaml:10:23: error: segments.mass.initial.active: must be ≥ 0, found -5",
            "$F/rules/negatives.yaml:11:21: error: segments.mass.arrivals.new: uniform(-1, 5) can fall below 0",
            "$F/rules/negatives.yaml:11:39: error: segments.mass.arrivals: arrivals into churn state 'gone'",
            "$F/rules/negatives.yaml:12:23: error: segments.mass.acquisition_cost: must be ≥ 0, found -1",
            "$F/rules/negatives.yaml:14:7: error: segments.mass.transitions: churn state 'gone' is absorbing and has no transitions",
            "$F/rules/negatives.yaml:16:42: error: segments.mass.value.active.revenue_cv: must be ≥ 0, found -0.1",
            "$F/rules/negatives.yaml:17:7: error: segments.mass.value: churn state 'gone' carries no value",
        ]),
        ("rules/distributions.yaml", [
            "$F/rules/distributions.yaml:9:15: error: segments.s.initial.active: unknown distribution 'perp' (did you mean 'pert'?)",
            "$F/rules/distributions.yaml:12:18: error: segments.s.value.active.revenue: pert takes 3 numbers (min, mode, max), found 2",
            "$F/rules/distributions.yaml:13:15: error: segments.s.value.active.cost: pert: min 3 > mode 2",
            "$F/rules/distributions.yaml:14:21: error: segments.s.value.active.revenue_cv: triangular: mode 5 > max 4",
            "$F/rules/distributions.yaml:17:25: error: segments.t.value.active.revenue: normal: sd must be ≥ 0, found -1",
            "$F/rules/distributions.yaml:17:48: error: segments.t.value.active.cost: lognormal: mean must be > 0, found -1",
            "$F/rules/distributions.yaml:17:80: error: segments.t.value.active.revenue_cv: gamma: mean must be > 0, found 0",
            "$F/rules/distributions.yaml:20:25: error: segments.u.value.active.revenue: beta: mean must be in (0, 1), found 1.5",
            "$F/rules/distributions.yaml:20:49: error: segments.u.value.active.cost: beta: no beta distribution has mean 0.5 and sd 0.6 (needs sd² < mean × (1 − mean))",
            "$F/rules/distributions.yaml:20:79: error: segments.u.value.active.revenue_cv: beta_ab: a and b must be > 0, found a = 0, b = 2",
            "$F/rules/distributions.yaml:22:23: error: segments.v.initial.active: discrete: weight -0.5 of value 2 is negative",
            "$F/rules/distributions.yaml:24:25: error: segments.v.value.active.revenue: discrete: weights sum to 0",
            "$F/rules/distributions.yaml:24:55: error: segments.v.value.active.cost: expected a finite number, found '.nan'",
            "$F/rules/distributions.yaml:24:73: error: segments.v.value.active.revenue_cv: number '1e400' is out of range",
            "$F/rules/distributions.yaml:26:15: error: segments.v.transitions.active: dirichlet: weight of 'gone' must be > 0, found 0",
            "$F/rules/distributions.yaml:29:25: error: segments.w.value.active.revenue: dirichlet(...) stands for a whole transition row, not one number",
            "$F/rules/distributions.yaml:29:55: error: segments.w.value.active.cost: pert(min, mode, max): 'x' is not a number",
            "$F/rules/distributions.yaml:29:84: error: segments.w.value.active.revenue_cv: expected a number or a distribution such as pert(min, mode, max), found 'hello'",
        ]),
        ("rules/plan-costs.yaml", [
            "$F/rules/plan-costs.yaml:5:49: error: costs[0].at: period 9 is outside the horizon 0...8",
            "$F/rules/plan-costs.yaml:6:43: error: costs[1]: from 5 > to 3",
            "$F/rules/plan-costs.yaml:7:40: error: costs[2].per_period: must be ≥ 0, found -100",
            "$F/rules/plan-costs.yaml:7:52: error: costs[2].from: period -1 is outside the horizon 0...8",
            "$F/rules/plan-costs.yaml:8:5: error: costs[3]: a cost needs 'amount' or 'per_period'",
            "$F/rules/plan-costs.yaml:9:39: error: costs[4]: a cost has either 'amount' or 'per_period', not both",
            "$F/rules/plan-costs.yaml:10:36: error: costs[5]: 'at' is for a one-off 'amount'; use 'from'/'to' for a period range",
            "$F/rules/plan-costs.yaml:11:5: error: costs[6]: a cost needs 'amount' or 'per_period'",
            "$F/rules/plan-costs.yaml:11:24: error: costs[6]: unknown key 'amont' (did you mean 'amount'?)",
        ]),
        ("rules/plan-effects.yaml", [
            "$F/rules/plan-effects.yaml:4:14: error: effects[0].target: unknown state 'churned'",
            "$F/rules/plan-effects.yaml:5:14: error: effects[1].target: unknown value field 'revenu' (did you mean 'revenue'?) (allowed: revenue, cost, revenue_cv)",
            "$F/rules/plan-effects.yaml:6:14: error: effects[2].target: unknown effect target 'retention.active'; targets are transitions.FROM.TO, value.STATE.revenue|cost|revenue_cv, arrivals.STATE, initial.STATE, acquisition_cost or move_values.FROM.TO.revenue|cost",
            "$F/rules/plan-effects.yaml:7:45: error: effects[3].segments: unknown segment 'yung'",
            "$F/rules/plan-effects.yaml:8:5: error: effects[4]: an effect needs one of 'relative', 'absolute', 'set' or 'multiply'",
            "$F/rules/plan-effects.yaml:9:49: error: effects[5]: an effect takes one of 'relative', 'absolute', 'set' or 'multiply', found 'relative' and 'set'",
            "$F/rules/plan-effects.yaml:10:14: error: effects[6].target: churn state 'gone' is absorbing and has no transitions",
            "$F/rules/plan-effects.yaml:11:43: error: effects[7].set: 1.5 is outside [0, 1]",
            "$F/rules/plan-effects.yaml:12:14: error: effects[8].target: arrivals into churn state 'gone'",
            "$F/rules/plan-effects.yaml:13:5: error: effects[9]: missing key 'target'",
            "$F/rules/plan-effects.yaml:14:7: error: ramp: from 6 > to 2",
        ]),
        ("rules/plan-windows.yaml", [
            "$F/rules/plan-windows.yaml:4:49: error: effects[0].multiply: the effect changes nothing (multiply by 1)",
            "$F/rules/plan-windows.yaml:5:49: error: effects[1].multiply: must be ≥ 0, found -0.5",
            "$F/rules/plan-windows.yaml:6:49: error: effects[2].multiply: uniform(-0.2, 0.8) can fall below 0",
            "$F/rules/plan-windows.yaml:7:84: error: effects[3].ramp.until: the last period at full effect (1) is before the ramp reaches full effect (to 2)",
            "$F/rules/plan-windows.yaml:8:73: error: effects[4].ramp.fade: 'fade' needs 'until', the last period at full effect",
            "$F/rules/plan-windows.yaml:9:83: error: effects[5].ramp.fade: must be ≥ 0, found -1",
            "$F/rules/plan-windows.yaml:9:87: error: effects[5].ramp: unknown key 'tail'",
            "$F/rules/plan-windows.yaml:11:31: error: ramp.until: the last period at full effect (2) is before the ramp reaches full effect (to 3)",
        ]),
        ("rules/move-values.yaml", [
            "$F/rules/move-values.yaml:6:41: error: segments.mass.move_values.new.active.cost: must be ≥ 0, found -5",
            "$F/rules/move-values.yaml:6:46: error: segments.mass.move_values.new: a move from 'new' to itself; staying is not a move",
            "$F/rules/move-values.yaml:6:62: error: segments.mass.move_values.new: unknown state 'actve' (did you mean 'active'?)",
            "$F/rules/move-values.yaml:7:7: error: segments.mass.move_values: churn state 'gone' is absorbing and has no moves",
            "$F/rules/move-values.yaml:8:23: error: segments.mass.move_values.active.gone: unknown key 'fee'",
            "$F/rules/move-values.yaml:10:14: error: effects[0].target: unknown move value field 'revenu' (did you mean 'revenue'?) (allowed: revenue, cost)",
            "$F/rules/move-values.yaml:11:14: error: effects[1].target: churn state 'gone' is absorbing and has no moves",
        ]),
        ("rules/plan-risks.yaml", [
            "$F/rules/plan-risks.yaml:6:32: error: risks[0].probability: 1.5 is outside [0, 1]",
            "$F/rules/plan-risks.yaml:7:5: error: risks[1]: a risk needs at least one of 'delay', 'cost_overrun' or 'effect_scale'",
            "$F/rules/plan-risks.yaml:8:83: warning: risks[2].categories: no cost has category 'tech'",
            "$F/rules/plan-risks.yaml:9:5: error: risks[3]: missing key 'probability'",
            "$F/rules/plan-risks.yaml:9:12: error: risks[3].name: risk name 'Delay' is already used at line 6",
            "$F/rules/plan-risks.yaml:10:56: error: risks[4]: 'categories' goes with 'cost_overrun'",
        ]),
        // Issue 13 item 7: risk categories and responses, every error at its key or value.
        ("rules/plan-responses.yaml", [
            "$F/rules/plan-responses.yaml:6:55: error: risks[0].mitigation: a mitigation needs 'probability' (the risk's probability with it) or 'scale' (the share of the impact left)",
            "$F/rules/plan-responses.yaml:6:66: error: risks[0].mitigation: unknown key 'probabilty' (did you mean 'probability'?)",
            "$F/rules/plan-responses.yaml:7:79: error: risks[1].mitigation.probability: 1.5 is outside [0, 1]",
            "$F/rules/plan-responses.yaml:8:80: error: risks[2].transfer.cap: must be ≥ 0, found -5",
            "$F/rules/plan-responses.yaml:9:43: error: risks[3].transfer: a transfer caps the cost of an overrun, and this risk has no 'cost_overrun': there is nothing to transfer",
            "$F/rules/plan-responses.yaml:10:41: error: risks[4].mitigation: the risk's probability is 0: there is nothing to mitigate",
            "$F/rules/plan-responses.yaml:11:55: error: risks[5].mitigation: a mitigation needs 'probability' (the risk's probability with it) or 'scale' (the share of the impact left)",
            "$F/rules/plan-responses.yaml:12:82: error: risks[6].mitigation.scale: 2 is outside [0, 1]",
            "$F/rules/plan-responses.yaml:12:89: error: risks[6].mitigation.at: period 99 is outside the horizon 0...8",
            "$F/rules/plan-responses.yaml:13:53: warning: risks[7].category: 'technicle' is not one of technical, market, operational, compliance (did you mean 'technical'?)",
            "$F/rules/plan-responses.yaml:13:76: error: risks[7].mitigation: missing key 'cost'",
            "$F/rules/plan-responses.yaml:13:95: error: risks[7].mitigation: unknown key 'premium'",
            "$F/rules/plan-responses.yaml:14:62: error: risks[8].mitigation.cost: must be ≥ 0, found -1",
            "$F/rules/plan-responses.yaml:14:79: warning: risks[8].mitigation.probability: 0.4 does not lower the risk's probability 0.2",
            "$F/rules/plan-responses.yaml:15:62: error: risks[9].transfer: missing key 'premium'",
        ]),
        ("rules/study-bad.yaml", [
            "$F/rules/plan-horizon.yaml:3:10: error: horizon: 12 differs from the baseline's 8 ($F/rules/base.yaml)",
            "$F/rules/plan-horizon.yaml:4:9: error: period: year differs from the baseline's quarter ($F/rules/base.yaml)",
            "$F/rules/plan-horizon.yaml:5:17: error: terminal_value: clv differs from the baseline's none ($F/rules/base.yaml)",
            "$F/rules/study-bad.yaml:4:28: error: no such file '$F/rules/missing-plan.yaml'",
            "$F/rules/study-bad.yaml:5:22: error: simulation.trials: must be > 0, found 0",
            "$F/rules/study-bad.yaml:5:31: error: simulation.seed: must be ≥ 0, found -1",
            "$F/rules/study-bad.yaml:5:48: error: simulation.clv_samples: expected a whole number, found 2.5",
            "$F/rules/study-bad.yaml:6:28: error: report.locale: unknown locale 'fr' (allowed: en, zh-Hans)",
        ]),
        ("rules/study-nobase.yaml", [
            "$F/rules/study-nobase.yaml:1:1: error: missing key 'baseline'",
            "$F/rules/study-nobase.yaml:1:9: error: schema: unsupported schema 'clvsim/2'; expected 'clvsim/1'",
        ]),
        ("rules/cycle-a.yaml", [
            "$F/rules/cycle-b.yaml:2:10: error: extends: extends cycle: $F/rules/cycle-a.yaml -> $F/rules/cycle-b.yaml -> $F/rules/cycle-a.yaml",
        ]),
        ("rules/extends-missing.yaml", ["$F/rules/extends-missing.yaml:2:10: error: no such file '$F/rules/nowhere/baseline.yaml'"]),
        ("chain/d16.yaml", []),
        ("chain/d17.yaml", ["$F/chain/d1.yaml:2:10: error: extends: extends nested more than 16 levels deep"]),
        ("rules/plan-horizon.yaml", []),
        // Issue 11: names that would make two input paths one (item 12).
        ("rules/names.yaml", [
            "$F/rules/names.yaml:4:3: error: states.new.x: state name 'new.x' contains '.', which input paths use (not allowed in state names: # ( ) * , . : = [ ])",
            "$F/rules/names.yaml:8:12: error: segments.mass*: segment name 'mass*' contains '*', which input paths use (not allowed in segment names: # ( ) * , . : = [ ])",
            "$F/rules/names.yaml:10:16: error: costs[0].category: cost category name 'tech.ops' contains '.', which input paths use (not allowed in cost category names: # . =)",
            "$F/rules/names.yaml:12:12: error: risks[0].name: risk name 'Delay.probability' contains '.', which input paths use (not allowed in risk names: # . =)",
        ]),
        // Control, bidi and non-characters, escaped or raw, are refused and shown escaped (items 18-20).
        ("rules/text.yaml", [
            "$F/rules/text.yaml:2:7: error: name: contains U+001B (a control character); text in clvsim files may not hold control, bidirectional-control or non-characters",
            "$F/rules/text.yaml:5:3: error: states: key 'act\\u202Eive' contains U+202E (a bidirectional control); names may not hold control, bidirectional-control or non-characters",
            "$F/rules/text.yaml:9:11: error: currency: contains U+FFFF (a Unicode non-character); text in clvsim files may not hold control, bidirectional-control or non-characters",
        ]),
        ("rules/raw-control.yaml", [
            "$F/rules/raw-control.yaml:3:11: error: contains U+001B (a control character); YAML files may not hold it raw, and names and text in clvsim files may not hold it at all",
        ]),
        // Names are capped (item 14), a byte-order mark is skipped (21), sd 0 is the constant (22).
        ("rules/long-name.yaml", ["$F/rules/long-name.yaml:2:7: error: name: is 201 characters long; names are at most 200"]),
        ("rules/bom.yaml", []),
        ("rules/sd-zero.yaml", []),
        // The clamping warning names the limit draws are clamped at (item 13).
        ("rules/count-tail.yaml", [
            "$F/rules/count-tail.yaml:8:23: warning: segments.s.initial.active: normal(900000000000, 100000000000) can exceed 1e+12 (mean + 3 sd = 1.2e+12); draws are used as drawn up to 1e+15 and clamped there",
        ]),
        // An undiscounted terminal value of customers who never churn is refused, naming the state (item 9).
        ("rules/diverges.yaml", [
            "$F/rules/diverges.yaml:4:17: error: terminal_value: clv with discount_rate 0 has no finite value: customers of segment 's' in state 'vip' can never churn, so their value after the horizon is infinite; give a discount_rate above 0, a move towards churn, or terminal_value: none",
        ]),
        // A file named by mistake is quoted by one truncated line, never in full (item 17).
        ("rules/study-passwd.yaml", [
            "$F/rules/passwd.txt:1:1: error: a clvsim file must be a mapping of keys (such as 'schema: clvsim/1'), found 'root:x:0:0:root:/root:/bin/bash and a very long line that go…'",
        ]),
        // A baseline with levers (issue 10): each key is an error at the key itself.
        ("rules/study-levers.yaml", [
            "$F/rules/baseline-levers.yaml:15:1: error: costs: a study's baseline is the world without the plans and cannot have 'costs'; put costs, effects, ramp and risks in the plan files",
            "$F/rules/baseline-levers.yaml:17:1: error: effects: a study's baseline is the world without the plans and cannot have 'effects'; put costs, effects, ramp and risks in the plan files",
            "$F/rules/baseline-levers.yaml:19:1: error: ramp: a study's baseline is the world without the plans and cannot have 'ramp'; put costs, effects, ramp and risks in the plan files",
            "$F/rules/baseline-levers.yaml:20:1: error: risks: a study's baseline is the world without the plans and cannot have 'risks'; put costs, effects, ramp and risks in the plan files",
        ]),
        // The same file alone is a scenario run on its own (the world with those levers): valid.
        ("rules/baseline-levers.yaml", []),
        // Fractional initial counts warn; a fractional arrival rate is a Poisson mean and does not.
        ("rules/fractional.yaml", [
            "$F/rules/fractional.yaml:10:18: warning: segments.s.initial.a: 0.6 is not a whole number of customers; rounded to 1",
            "$F/rules/fractional.yaml:10:26: warning: segments.s.initial.b: 0.4 is not a whole number of customers; rounded to 0",
        ]),
    ]

    @Test("validate reports exactly these lines, sorted by file, line and column", arguments: cases)
    func rule(file: String, expected: [String]) {
        #expect(Fixtures.lines([file]) == expected)
    }

    @Test("loadStudy throws every error of a study, warnings included")
    func loadThrows() {
        #expect {
            _ = try Loader.loadStudy(path: Fixtures.path("rules/study-bad.yaml"))
        } throws: { error in
            guard let d = error as? Diagnostics else { return false }
            return d.errors.count == 8 && d.items.map(\.location.line) == [3, 4, 5, 4, 5, 5, 5, 6]
        }
    }

    @Test("a study whose baseline has levers does not load (a plan without effects of its own would copy the baseline)")
    func baselineWithLevers() {
        #expect {
            _ = try Loader.loadStudy(path: Fixtures.path("rules/study-levers.yaml"))
        } throws: { error in
            guard let d = error as? Diagnostics else { return false }
            return d.errors.map { "\($0.location.line):\($0.location.column) \($0.keyPath)" }
                == ["15:1 costs", "17:1 effects", "19:1 ramp", "20:1 risks"]
        }
    }

    @Test("warnings do not stop a load: the fractional counts are in Study.warnings and rounded as documented")
    func fractionalLoads() throws {
        let study = try Loader.loadStudy(path: Fixtures.path("rules/fractional.yaml"))
        #expect(study.warnings.map(\.location.column) == [18, 26])
        #expect(study.warnings.allSatisfy { $0.severity == .warning && $0.location.line == 10 })
    }

    @Test("a missing top-level file is reported without a position")
    func missingFile() {
        #expect(Fixtures.lines(["rules/none.yaml"]) == ["$F/rules/none.yaml: error: no such file '$F/rules/none.yaml'"])
    }
}
