import CLVModel

/// The roles of a data file's columns and the header names each looks for by default
/// (case-insensitive), in order. `--columns role=name,...` names them outright.
struct ColumnRoles {
    struct Role {
        let name: String
        let required: Bool
        let defaults: [String]
    }

    static let customer = Role(name: "customer", required: true, defaults: ["customer", "customer_id", "cust_id", "client", "client_id", "id"])
    static let date = Role(name: "date", required: true, defaults: ["date", "day", "order_date", "transaction_date", "purchase_date"])
    static let amount = Role(name: "amount", required: true, defaults: ["amount", "dollar_value", "revenue", "value", "sales", "spend", "total"])
    static let period = Role(name: "period", required: true, defaults: ["period", "month", "quarter", "year", "t"])
    static let state = Role(name: "state", required: true, defaults: ["state", "stage", "status"])
    static let segment = Role(name: "segment", required: false, defaults: ["segment", "seg"])
    static let revenue = Role(name: "revenue", required: true, defaults: ["revenue", "amount", "value", "income", "net_income"])
    static let cost = Role(name: "cost", required: false, defaults: ["cost", "cost_to_serve"])

    /// Resolves every role to a column index; unknown `--columns` names and missing required
    /// columns are reported at the header line.
    static func resolve(_ roles: [Role], header: [String], given: [String: String], file: String,
                        into problems: inout [Diagnostic]) -> [String: Int] {
        let lower = header.map { $0.lowercased() }
        var out: [String: Int] = [:]
        let known = Set(roles.map(\.name))
        for key in given.keys.sorted() where !known.contains(key) {
            problems.append(.data(file, 1, 1, "--columns: unknown role '\(key)' (roles: \(roles.map(\.name).joined(separator: ", ")))"))
        }
        for r in roles {
            if let name = given[r.name] {
                if let i = lower.firstIndex(of: name.lowercased()) { out[r.name] = i } else {
                    problems.append(.data(file, 1, 1, "missing column '\(name)' (named by --columns \(r.name)=\(name)); the header has: \(header.joined(separator: ", "))"))
                }
                continue
            }
            if let i = r.defaults.lazy.compactMap({ lower.firstIndex(of: $0) }).first(where: { !out.values.contains($0) }) {
                out[r.name] = i
            } else if r.required {
                problems.append(.data(file, 1, 1, "missing column for \(r.name) (looked for \(r.defaults.joined(separator: ", ")); name it with --columns \(r.name)=NAME)"))
            }
        }
        return out
    }
}

/// Problems gathered while reading a data file: every one is kept up to a cap, then only counted,
/// so a file of ten million bad rows still ends with a readable list.
struct ProblemList {
    static let cap = 1000
    private(set) var items: [Diagnostic] = []
    private(set) var dropped = 0
    var isEmpty: Bool { items.isEmpty }

    mutating func append(_ d: Diagnostic) {
        if items.count < Self.cap { items.append(d) } else { dropped += 1 }
    }
    mutating func append(contentsOf ds: [Diagnostic]) { for d in ds { append(d) } }

    func diagnostics(file: String) -> Diagnostics {
        // By line and column (a row's problems are found field by field, not in column order).
        var all = items.enumerated().sorted { ($0.element.location.line, $0.element.location.column, $0.offset)
            < ($1.element.location.line, $1.element.location.column, $1.offset) }.map(\.element)
        if dropped > 0 {
            all.append(Diagnostic(at: SourceLocation(file: file, line: 0, column: 0), "\(dropped) more problems not shown"))
        }
        return Diagnostics(all)
    }
}
