import Foundation

/// A one-line progress bar on standard error, redrawn at most once per percent.
final class ProgressBar: @unchecked Sendable {
    private let console: Console
    private let lock = NSLock()
    private var shown = -1

    init(_ console: Console) { self.console = console }

    func update(_ fraction: Double) {
        let pct = Int(min(max(fraction, 0), 1) * 100)
        lock.withLock {
            guard pct > shown else { return }
            shown = pct
            let filled = pct * 30 / 100
            console.errRaw("\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
                           + "] \(pct)%")
        }
    }

    func finish() { lock.withLock { if shown >= 0 { console.errRaw("\r" + String(repeating: " ", count: 40) + "\r") } } }
}
